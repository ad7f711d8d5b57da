/**
 * Settings (#/settings): API credentials, appearance, notifications, the retry schedule,
 * and where the data lives.
 */
import { useEffect, useState } from 'react'
import { transportKind } from '../../api/client'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import CopyButton from '../../ui/CopyButton'
import Field from '../../ui/Field'
import InlineForm from '../../ui/InlineForm'
import ScreenHeader from '../../ui/ScreenHeader'
import Section from '../../ui/Section'
import TextField from '../../ui/TextField'
import CredentialsSection from './CredentialsSection'
import HealthAlertSection from './HealthAlertSection'
import StorageSection from './StorageSection'
import { formatSchedule, parseSchedule, retryTimes } from './retry-schedule'
import './settings.css'

const THEMES = [
  { id: 'system', label: 'System' },
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' }
] as const

/** "Up to 4 attempts per delivery; retries at +5 s, +35 s, +2 min 35 s after the first". */
function scheduleHint(ms: number[]): string {
  const attempts = `Up to ${1 + ms.length} attempt${ms.length === 0 ? '' : 's'} per delivery`
  return ms.length === 0 ? attempts : `${attempts}; retries at ${retryTimes(ms)} after the first`
}

function RetrySchedule() {
  const stored = useWorkbench((s) => s.settings.values?.retryScheduleMs)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const storedText = stored ? formatSchedule(stored) : ''
  const preview = parseSchedule(text)

  useEffect(() => setText(storedText), [storedText])

  const save = async () => {
    const parsed = parseSchedule(text)
    if (parsed.error !== null) {
      setError(parsed.error)
      return
    }
    setError(null)
    setBusy(true)
    const ok = await useWorkbench.getState().settings.update({ retryScheduleMs: parsed.ms })
    setBusy(false)
    if (ok) useWorkbench.getState().app.toast('success', 'Saved the retry schedule')
  }

  return (
    <Section
      id="retry"
      title="Delivery retries"
      intro="When a webhook the Workbench sends fails (no answer, or a non-2xx status), it is tried again after each of these waits in turn. Each wait is counted from the previous attempt, so they add up. An empty list means no retries."
    >
      <InlineForm onSubmit={() => void save()}>
        <TextField
          label="Retry schedule (seconds, comma-separated)"
          value={text}
          onEdit={(next) => {
            setText(next)
            setError(null)
          }}
          error={error}
          hint={preview.ms ? <span data-testid="retry-schedule-hint">{scheduleHint(preview.ms)}</span> : undefined}
          testId="retry-schedule"
        />
        <Button type="submit" busy={busy} disabled={text === storedText} testId="save-retry-schedule">
          Save
        </Button>
      </InlineForm>
    </Section>
  )
}

export default function SettingsScreen() {
  const values = useWorkbench((s) => s.settings.values)
  const info = useWorkbench((s) => s.app.info)
  const update = useWorkbench((s) => s.settings.update)

  useEffect(() => {
    const s = useWorkbench.getState()
    void s.settings.load()
    void s.app.loadInfo()
  }, [])

  return (
    <div className="screen">
      <ScreenHeader title="Settings" />
      <div className="screen-body settings-body">
        <CredentialsSection />

        <Section id="appearance" title="Appearance">
          <fieldset className="segmented" data-testid="theme-picker">
            <legend className="field-label">Theme</legend>
            {THEMES.map((t) => (
              <label key={t.id} className={values?.theme === t.id ? 'segment segment-on' : 'segment'}>
                <input type="radio" name="theme" value={t.id} checked={values?.theme === t.id} onChange={() => void update({ theme: t.id })} />
                {t.label}
              </label>
            ))}
          </fieldset>
        </Section>

        <Section id="notifications" title="Notifications">
          <Field
            label="Desktop notifications for invalid signatures and failed deliveries"
            inline
            hint={transportKind() === 'web' ? 'Shown by the desktop app; the browser UI does not notify.' : undefined}
          >
            <input
              type="checkbox"
              checked={values?.notifications ?? false}
              disabled={!values}
              onChange={(e) => void update({ notifications: e.target.checked })}
              data-testid="notifications-toggle"
            />
          </Field>
        </Section>

        <RetrySchedule />

        <HealthAlertSection />
        <StorageSection />

        <Section id="data" title="Data">
          {info ? (
            <dl className="settings-facts" data-testid="data-info">
              <dt>Data folder</dt>
              <dd className="secret-row">
                <code data-testid="data-dir">{info.dataDir}</code>
                <CopyButton text={info.dataDir} what="the data folder" />
              </dd>
              <dt>Database file</dt>
              <dd className="secret-row">
                <code data-testid="db-file">{info.dbFile}</code>
                <CopyButton text={info.dbFile} what="the database path" />
              </dd>
              <dt>Local CA certificate</dt>
              <dd className="secret-row">
                <code data-testid="ca-cert-path">{info.caCertPath}</code>
                <CopyButton text={info.caCertPath} what="the CA certificate path" />
              </dd>
              <dt>Version</dt>
              <dd>
                {info.version} · {transportKind() === 'ipc' ? 'desktop app' : 'browser (kyc-hooks serve)'}
              </dd>
            </dl>
          ) : (
            <p className="faint">Loading…</p>
          )}
          <p className="muted">
            The desktop app, <code>kyc-hooks serve</code> and the CLI share this one database. Point them elsewhere with{' '}
            <code>--db</code> or <code>KYC_HOOKS_DB</code>.
          </p>
        </Section>
      </div>
    </div>
  )
}
