/**
 * Settings › Delivery health alerts: the success-rate threshold (percent; 0 turns alerts
 * off) and the window it is measured over. Crossing below it shows the banner in the page
 * and, in the desktop app, a notification.
 */
import { useEffect, useState } from 'react'
import { HEALTH_WINDOWS, type HealthWindow } from '../../../../shared/health-models'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Field from '../../ui/Field'
import InlineForm from '../../ui/InlineForm'
import Section from '../../ui/Section'
import TextField from '../../ui/TextField'
import { WINDOW_LABELS } from '../endpoints/health-format'

/** The threshold as typed: a number from 0 to 100, or an error that says so. */
export function parseThreshold(text: string): { value: number; error: null } | { value: null; error: string } {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    return { value: null, error: `"${text}" is not a percentage: enter a number from 0 to 100 (0 turns alerts off)` }
  }
  return { value, error: null }
}

export default function HealthAlertSection() {
  const storedThreshold = useWorkbench((s) => s.settings.values?.healthAlertThresholdPercent)
  const storedWindow = useWorkbench((s) => s.settings.values?.healthAlertWindow)
  const [threshold, setThreshold] = useState('')
  const [chosenWindow, setChosenWindow] = useState<HealthWindow>('1h')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => setThreshold(storedThreshold === undefined ? '' : String(storedThreshold)), [storedThreshold])
  useEffect(() => setChosenWindow(storedWindow ?? '1h'), [storedWindow])

  const changed = threshold !== String(storedThreshold ?? '') || chosenWindow !== storedWindow
  const save = async () => {
    const parsed = parseThreshold(threshold)
    if (parsed.error !== null) {
      setError(parsed.error)
      return
    }
    setError(null)
    setBusy(true)
    const ok = await useWorkbench.getState().settings.update({ healthAlertThresholdPercent: parsed.value, healthAlertWindow: chosenWindow })
    setBusy(false)
    if (ok) useWorkbench.getState().app.toast('success', parsed.value === 0 ? 'Delivery health alerts are off' : 'Saved the delivery health alert')
  }

  return (
    <Section
      id="health-alert"
      title="Delivery health alerts"
      intro={
        <>
          Alert when an endpoint&apos;s webhook success rate (successful attempts ÷ attempts) falls below this threshold: a banner
          here and, in the desktop app, a notification. Once per fall, not on every failed attempt.
        </>
      }
    >
      <InlineForm onSubmit={() => void save()}>
        <TextField
          label="Alert below (%)"
          value={threshold}
          onEdit={(text) => {
            setThreshold(text)
            setError(null)
          }}
          error={error}
          hint="0 turns alerts off"
          inputMode="decimal"
          testId="health-threshold"
        />
        <Field label="Measured over">
          <select value={chosenWindow} onChange={(e) => setChosenWindow(e.target.value as HealthWindow)} data-testid="health-alert-window">
            {HEALTH_WINDOWS.map((w) => (
              <option key={w} value={w}>
                the {WINDOW_LABELS[w]}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" busy={busy} disabled={!changed} testId="save-health-alert">
          Save
        </Button>
      </InlineForm>
    </Section>
  )
}
