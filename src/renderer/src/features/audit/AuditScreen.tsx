/**
 * Check a handler (#/audit, or #/audit?endpoint=<id> from an endpoint's "Audit" action):
 * runs the audit battery against a URL or a saved endpoint with live progress, shows the
 * report card, and keeps past runs to compare before and after a fix.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { useRoute } from '../../app/router'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Field from '../../ui/Field'
import ScreenHeader from '../../ui/ScreenHeader'
import { useAudit } from './audit-store'
import ReportCard, { StatusBadge } from './ReportCard'
import './audit.css'

export default function AuditScreen() {
  const route = useRoute()
  const endpointId = route.query.endpoint ?? null
  const endpoint = useWorkbench((s) => s.endpoints.items.find((e) => e.id === endpointId) ?? null)
  const running = useAudit((s) => s.running)
  const progress = useAudit((s) => s.progress)
  const total = useAudit((s) => s.total)
  const report = useAudit((s) => s.report)
  const runs = useAudit((s) => s.runs)
  const error = useAudit((s) => s.error)
  const [url, setUrl] = useState('')
  const [budgetMs, setBudgetMs] = useState('2000')
  const [insecure, setInsecure] = useState(false)

  useEffect(() => {
    void useAudit.getState().loadRuns()
    const s = useWorkbench.getState()
    if (endpointId && !s.endpoints.loaded) void s.endpoints.load()
  }, [endpointId])

  const budget = Number(budgetMs)
  const budgetError = Number.isInteger(budget) && budget >= 50 && budget <= 60_000 ? null : 'a whole number of milliseconds from 50 to 60000'
  const target = endpoint ? endpoint.url : url.trim()

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (budgetError || !target) return
    void useAudit.getState().run({
      ...(endpoint ? { endpointId: endpoint.id } : { url: target }),
      budgetMs: budget,
      insecureTls: insecure
    })
  }

  const shown = report?.checks ?? [...progress].sort((a, b) => a.number - b.number)
  return (
    <div className="screen audit">
      <ScreenHeader title="Check a handler">
        <span className="faint">Sends real requests and grades each answer against the Smart KYC docs</span>
      </ScreenHeader>
      <div className="audit-layout">
        <div className="audit-main">
          <form className="audit-form" onSubmit={onSubmit} data-testid="audit-form">
            {endpoint ? (
              <div className="audit-endpoint">
                Auditing endpoint <strong>{endpoint.name}</strong> <code>{endpoint.url}</code> (its custom headers are sent too).{' '}
                <a href="#/audit">Audit another URL</a>
              </div>
            ) : (
              <Field label="Handler URL" hint="Your webhook endpoint, e.g. https://localhost:3000/webhooks/smart-kyc">
                <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" data-testid="audit-url" required />
              </Field>
            )}
            <div className="audit-form-row">
              <Field label="Budget (ms)" error={budgetError} hint="How fast each answer must be">
                <input value={budgetMs} onChange={(e) => setBudgetMs(e.target.value)} inputMode="numeric" data-testid="audit-budget" />
              </Field>
              <Field label="Do not verify the TLS certificate" inline>
                <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
              </Field>
              <Button type="submit" variant="primary" busy={running} disabled={!target || budgetError !== null} testId="audit-run">
                {running ? 'Running…' : 'Run the audit'}
              </Button>
            </div>
          </form>
          {error ? (
            <div className="field-error-text" role="alert">
              {error}
            </div>
          ) : null}
          {running ? (
            <div className="audit-progress" data-testid="audit-progress" role="status">
              <progress max={total || 9} value={progress.length} /> {progress.length} of {total || '…'} checks done
            </div>
          ) : null}
          {report ? (
            <div className="audit-summary" data-testid="audit-summary">
              <StatusBadge status={report.summary.ok ? (report.summary.warn ? 'warn' : 'pass') : 'fail'} />{' '}
              <strong>{report.summary.ok ? 'No check failed' : `${report.summary.fail} check${report.summary.fail === 1 ? '' : 's'} failed`}</strong>
              <span className="faint">
                {' '}
                {report.summary.pass} passed, {report.summary.warn} warned{report.summary.skip ? `, ${report.summary.skip} skipped` : ''} · {report.url} ·
                budget {report.budgetMs} ms · {new Date(report.startedAt).toLocaleString()}
              </span>
            </div>
          ) : null}
          {shown.length > 0 ? <ReportCard checks={shown} /> : null}
        </div>
        <aside className="audit-runs" data-testid="audit-runs">
          <h3>Past runs</h3>
          {runs.length === 0 ? <p className="faint">No runs yet.</p> : null}
          <ul>
            {runs.map((r) => (
              <li key={r.id}>
                <button type="button" className={report?.id === r.id ? 'audit-run audit-run-current' : 'audit-run'} onClick={() => void useAudit.getState().open(r.id)}>
                  <StatusBadge status={r.summary.ok ? 'pass' : 'fail'} />
                  <span className="audit-run-text">
                    <span>{r.url}</span>
                    <span className="faint">
                      {new Date(r.startedAt).toLocaleString()} · {r.summary.fail} failed, {r.summary.warn} warned
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  )
}
