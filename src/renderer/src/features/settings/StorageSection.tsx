/**
 * Settings → Storage: how many captures to keep (the retention setting, enforced in the
 * background) and "Compact database" to give the space of deleted captures back.
 */
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import InlineForm from '../../ui/InlineForm'
import Section from '../../ui/Section'

/** "" → null (no limit); a whole number ≥ 1 → that number; anything else → an error text. */
export function parseLimit(text: string, what: string): { value: number | null; error: string | null } {
  const t = text.trim()
  if (t === '') return { value: null, error: null }
  const n = Number(t)
  if (!Number.isInteger(n) || n < 1) return { value: null, error: `${what} must be a whole number of 1 or more, or empty for no limit (got "${t}")` }
  return { value: n, error: null }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`

export default function StorageSection() {
  const stored = useWorkbench((s) => s.settings.values?.retention)
  const [keep, setKeep] = useState('')
  const [days, setDays] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [compacting, setCompacting] = useState(false)
  const [result, setResult] = useState<string | null>(null)

  useEffect(() => {
    setKeep(stored?.keepLast != null ? String(stored.keepLast) : '')
    setDays(stored?.keepDays != null ? String(stored.keepDays) : '')
  }, [stored?.keepLast, stored?.keepDays])

  const save = async () => {
    const k = parseLimit(keep, 'Keep the newest')
    const d = parseLimit(days, 'Keep days')
    setError(k.error ?? d.error)
    if (k.error || d.error) return
    const ok = await useWorkbench.getState().settings.update({ retention: { keepLast: k.value, keepDays: d.value } })
    if (ok) useWorkbench.getState().app.toast('success', 'Saved the retention setting')
  }

  const compact = async () => {
    setCompacting(true)
    setResult(null)
    try {
      const r = await call('settings.compactDatabase', {})
      setResult(`Compacted: ${mb(r.beforeBytes)} → ${mb(r.afterBytes)}`)
    } catch (err) {
      useWorkbench.getState().app.reportError(err, 'Compacting the database')
    } finally {
      setCompacting(false)
    }
  }

  return (
    <Section
      id="storage"
      title="Storage"
      intro="Keep the newest captures only, or those of the last days. Older ones are deleted in the background, a few hundred at a time. Leave both empty to keep everything."
    >
      <InlineForm onSubmit={() => void save()}>
        <label>
          Keep the newest{' '}
          <input className="input" inputMode="numeric" value={keep} onChange={(e) => setKeep(e.target.value)} data-testid="retention-keep" aria-label="Keep the newest N captures" />{' '}
          captures
        </label>
        <label>
          and the last{' '}
          <input className="input" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} data-testid="retention-days" aria-label="Keep the captures of the last D days" />{' '}
          days
        </label>
        <Button type="submit" testId="save-retention">
          Save
        </Button>
      </InlineForm>
      {error && (
        <p className="field-error" role="alert" data-testid="retention-error">
          {error}
        </p>
      )}
      <p className="muted">Compacting rewrites the database file without the space deleted captures left; captures wait while it runs.</p>
      <Button onClick={() => void compact()} disabled={compacting} testId="compact-database">
        {compacting ? 'Compacting…' : 'Compact database'}
      </Button>
      {result && (
        <p className="muted" role="status" data-testid="compact-result">
          {result}
        </p>
      )}
    </Section>
  )
}
