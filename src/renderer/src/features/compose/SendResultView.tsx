/**
 * The outcome of a send, one card per delivery, updated live as retries happen:
 * Success / Error / Pending, the response code, a snippet of the response, the error,
 * the duration of the latest attempt, and a link to the full delivery.
 */
import { useWorkbench } from '../../store'
import { Badge, StatusCode } from '../../ui/Badge'
import Button from '../../ui/Button'
import { failureHint, statusLabel } from '../deliveries/delivery-logic'

const STATUS_TONE = { success: 'ok', error: 'bad', pending: 'info', paused: 'warn', cancelled: 'neutral' } as const

export default function SendResultView() {
  const result = useWorkbench((s) => s.compose.result)
  const attempts = useWorkbench((s) => s.compose.resultAttempts)
  const sendError = useWorkbench((s) => s.compose.sendError)
  const dismiss = useWorkbench((s) => s.compose.dismissResult)

  if (sendError) {
    return (
      <div className="callout callout-bad compose-result" role="alert" data-testid="send-error">
        {sendError}
      </div>
    )
  }
  if (!result) return null
  return (
    <section className="compose-result" aria-label="Send result" data-testid="send-result">
      <div className="compose-result-head">
        <h3>
          Sent {result.deliveries.length} deliver{result.deliveries.length === 1 ? 'y' : 'ies'}
        </h3>
        <Button size="sm" variant="ghost" onClick={dismiss}>
          Clear
        </Button>
      </div>
      <div className="compose-result-sig mono faint" title="The X-SmartKYC-Signature that was sent">
        signature {result.signature}
      </div>
      {result.deliveries.map((d) => {
        const attempt = attempts[d.id]
        const hint = d.status === 'error' ? failureHint(d.lastResponseCode, d.lastError) : null
        return (
          <article key={d.id} className="delivery-card" data-testid="delivery-result">
            <header className="delivery-card-head">
              <Badge tone={STATUS_TONE[d.status]} testId="delivery-status">
                {statusLabel(d.status)}
              </Badge>
              <StatusCode status={d.lastResponseCode} none={d.attemptCount === 0 ? '…' : 'no response'} testId="delivery-code" />
              {attempt ? <span className="faint mono">{Math.round(attempt.durationMs)} ms</span> : null}
              <a className="delivery-card-link" href={`#/deliveries/${encodeURIComponent(d.id)}`} data-testid="delivery-link">
                Open delivery
              </a>
            </header>
            {/* A send to a URL has no endpoint name: the URL below says where it went. */}
            {d.endpointId ? <div className="delivery-card-name">{d.endpointName}</div> : null}
            <div className="mono faint delivery-card-url" title={d.url}>
              {d.url}
            </div>
            {d.lastError ? <div className="delivery-card-error">{d.lastError}</div> : null}
            {d.lastResponse ? <pre className="delivery-card-body">{d.lastResponse}</pre> : null}
            {d.status === 'pending' && d.nextAttemptAt ? (
              <div className="faint">
                Attempt {d.attemptCount} of {d.maxAttempts}; next retry scheduled.
              </div>
            ) : null}
            {hint ? (
              <div className="delivery-card-hint">
                <strong>{hint.title}:</strong> {hint.steps.join(' · ')}
              </div>
            ) : null}
          </article>
        )
      })}
    </section>
  )
}
