/**
 * One delivery (#/deliveries/<id>): its status, where it came from, the next retry,
 * the message (body + signature) and every attempt, newest first, with Retry now and
 * Resend. Bodies are shown in a read-only editor: text only, never HTML.
 */
import { useMemo, useState } from 'react'
import { SIGNATURE_HEADER, type DeliveryDetail as Detail, type Origin } from '../../../../shared/models'
import { navigate } from '../../app/router'
import CodeEditor from '../../editor/CodeEditor'
import { useWorkbench } from '../../store'
import { Badge, StatusCode } from '../../ui/Badge'
import Button from '../../ui/Button'
import CopyButton from '../../ui/CopyButton'
import HexView from '../../ui/HexView'
import ViewToggle from '../../ui/ViewToggle'
import { base64ToBytes } from '../inbox/body-format'
import { formatBytes, utf8ByteLength } from '../verify/body-facts'
import { formatDateTime } from '../inbox/format'
import AttemptView from './AttemptView'
import { base64ToText, failureHint, looksLikeJson, statusLabel } from './delivery-logic'
import RetryCountdown from './RetryCountdown'

const TONE = { success: 'ok', error: 'bad', pending: 'info', paused: 'warn', cancelled: 'neutral' } as const
const BODY_VIEWS = [
  { id: 'text', label: 'Text' },
  { id: 'hex', label: 'Hex' }
] as const

function OriginLink({ origin }: { origin: Origin }) {
  switch (origin.kind) {
    case 'replay-capture':
      return origin.id ? (
        <a href={`#/inbox/${encodeURIComponent(origin.id)}`} data-testid="origin-link">
          Replay of a capture
        </a>
      ) : (
        <span>Replay of a capture</span>
      )
    case 'resend-delivery':
      return origin.id ? (
        <a href={`#/deliveries/${encodeURIComponent(origin.id)}`} data-testid="origin-link">
          Resend of an earlier delivery
        </a>
      ) : (
        <span>Resend of an earlier delivery</span>
      )
    case 'test':
      return <span>Test webhook</span>
    case 'cli':
      return <span>Sent from the CLI</span>
    case 'platform':
      return <a href="#/platform">Caused by the mock platform</a>
    case 'audit':
      return <span>Handler audit</span>
    default:
      return <span>Compose &amp; send</span>
  }
}

export default function DeliveryDetail({ id }: { id: string }) {
  const detail = useWorkbench((s) => (s.deliveries.detail?.id === id ? s.deliveries.detail : null))
  const loading = useWorkbench((s) => s.deliveries.detailLoading)
  const error = useWorkbench((s) => s.deliveries.detailError)

  return (
    <section className="dl-detail" aria-label="Delivery detail" data-testid="delivery-detail">
      {detail ? (
        <DetailBody detail={detail} />
      ) : (
        <div className="dl-detail-state">
          <p className={error ? 'field-error-text' : 'muted'}>{error ?? (loading ? 'Loading…' : '')}</p>
          <Button size="sm" onClick={() => navigate('deliveries')}>
            Close
          </Button>
        </div>
      )}
    </section>
  )
}

function DetailBody({ detail: d }: { detail: Detail }) {
  const acting = useWorkbench((s) => s.deliveries.acting)
  const lastResend = useWorkbench((s) => s.deliveries.lastResend)
  const body = useMemo(() => base64ToText(d.bodyBase64), [d.bodyBase64])
  const [bodyView, setBodyView] = useState<'text' | 'hex'>('text')
  // Decoded only when asked for: the text view does not need the bytes.
  const bytes = useMemo(() => (bodyView === 'hex' ? base64ToBytes(d.bodyBase64) : null), [bodyView, d.bodyBase64])
  const attempts = useMemo(() => [...d.attempts].sort((a, b) => b.number - a.number), [d.attempts])
  const last = attempts[0]
  const hint = d.status !== 'success' && last ? failureHint(last.responseCode, last.error) : null
  const actions = useWorkbench.getState().deliveries

  return (
    <div className="dl-detail-inner">
      <header className="dl-detail-head">
        <div className="dl-detail-title">
          <h2>{d.endpointId ? d.endpointName : 'Sent to a URL'}</h2>
          <div className="mono faint dl-detail-url">{d.url}</div>
        </div>
        <div className="btn-group">
          <Button size="sm" testId="retry-now" busy={acting === 'retry'} disabled={d.status === 'success' || acting !== null} onClick={() => void actions.retryNow(d.id)}>
            Retry now
          </Button>
          <Button size="sm" testId="resend-button" busy={acting === 'resend'} disabled={acting !== null} onClick={() => void actions.resend(d.id)}>
            Resend
          </Button>
          <Button size="sm" testId="delivery-copy-curl" onClick={() => void actions.copyCurl(d.id)} title="Authorization, X-API-Key and Cookie values are masked">
            Copy as curl
          </Button>
          <Button size="sm" variant="ghost" testId="delivery-copy-curl-secrets" onClick={() => void actions.copyCurl(d.id, true)} title="Copy as curl with Authorization, X-API-Key and Cookie values in clear">
            Copy as curl (with secrets)
          </Button>
          <Button size="sm" variant="ghost" aria-label="Close delivery" onClick={() => navigate('deliveries')}>
            ×
          </Button>
        </div>
      </header>

      <dl className="facts dl-facts">
        <dt>Status</dt>
        <dd>
          <Badge tone={TONE[d.status]} testId="delivery-detail-status">
            {statusLabel(d.status)}
          </Badge>{' '}
          <StatusCode status={d.lastResponseCode} />
          {d.status === 'pending' && d.nextAttemptAt ? <RetryCountdown at={d.nextAttemptAt} /> : null}
          {d.statusReason ? (
            <div className="muted" data-testid="delivery-status-reason">
              {d.statusReason}
            </div>
          ) : null}
        </dd>
        <dt>Event</dt>
        <dd className="mono">{d.event ?? '—'}</dd>
        <dt>Attempts</dt>
        <dd>
          {d.attemptCount} of {d.maxAttempts}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(d.createdAt)}</dd>
        <dt>Origin</dt>
        <dd>
          <OriginLink origin={d.origin} />
        </dd>
      </dl>

      {hint ? (
        <div className="callout callout-warn dl-hint" data-testid="failure-hint">
          <strong>Debugging: {hint.title}</strong>
          <ul>
            {hint.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {lastResend ? (
        <div className="callout dl-resent" role="status" data-testid="resend-result">
          Resent as a new message:{' '}
          {lastResend.deliveries.map((r) => (
            <a key={r.id} href={`#/deliveries/${encodeURIComponent(r.id)}`}>
              {statusLabel(r.status)} {r.lastResponseCode ?? ''} ({r.endpointName})
            </a>
          ))}
        </div>
      ) : null}

      {/* What the handler answered comes first: it is what someone debugging a failure needs. */}
      <h3>Attempts</h3>
      {attempts.length === 0 ? <p className="muted">No attempt has finished yet.</p> : null}
      <div className="dl-attempts">
        {attempts.map((a, i) => (
          <AttemptView key={a.id} attempt={a} initiallyOpen={i === 0} />
        ))}
      </div>

      <h3>Message</h3>
      <div className="dl-sig">
        <span className="mono faint">{SIGNATURE_HEADER}:</span>
        <code className="dl-sig-value" data-testid="delivery-signature">
          {d.signature ?? 'none'}
        </code>
        {d.signature ? <CopyButton text={d.signature} what="signature" /> : null}
        <span className="faint mono">{formatBytes(utf8ByteLength(body))}</span>
        <ViewToggle options={BODY_VIEWS} value={bodyView} onChange={setBodyView} label="Body view" testId="delivery-body-view" />
      </div>
      {bytes ? (
        <HexView bytes={bytes} maxHeight={320} testId="delivery-body-hex" />
      ) : (
        <CodeEditor
          value={body}
          readOnly
          language={looksLikeJson(body) ? 'json' : 'plaintext'}
          height={Math.min(320, 40 + body.split('\n').length * 18)}
          ariaLabel="Message body"
          testId="delivery-body"
        />
      )}
    </div>
  )
}
