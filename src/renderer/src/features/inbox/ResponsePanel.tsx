/**
 * What the listener answered (status, headers, body, delay, mode) and, when forwarding
 * is on, what the forward target answered.
 */
import type { CaptureResponse, ForwardResult } from '../../../../shared/models'
import { Badge, StatusCode } from '../../ui/Badge'
import HeaderList from '../../ui/HeaderList'
import { base64ToBytes, decodeUtf8Strict, formatBytes } from './body-format'

const MODE_TEXT: Record<CaptureResponse['mode'], string> = {
  reply: 'Replied',
  timeout: 'Never answered (timeout mode)',
  reset: 'Reset the connection (reset mode)',
  'too-large': 'Refused: body over the listener’s limit'
}

export default function ResponsePanel({ response, forward }: { response: CaptureResponse; forward: ForwardResult | null }) {
  const forwardBytes = forward ? base64ToBytes(forward.bodyBase64) : null
  const forwardText = forwardBytes ? decodeUtf8Strict(forwardBytes) : null
  return (
    <>
      <section className="detail-section" aria-label="Response sent" data-testid="response-panel">
        <div className="section-title">
          <h3>Response sent</h3>
          <StatusCode status={response.status} none="none" />
          <span className="muted">{MODE_TEXT[response.mode]}</span>
          {response.delayMs > 0 ? <Badge tone="info">delayed {response.delayMs} ms</Badge> : null}
        </div>
        {response.mode === 'reply' || response.mode === 'too-large' ? (
          <>
            <HeaderList headers={response.headers} caption="Response headers" />
            {response.body ? <pre className="pre-box">{response.body}</pre> : <p className="faint">Empty body.</p>}
          </>
        ) : null}
      </section>
      {forward ? (
        <section className="detail-section" aria-label="Forward result" data-testid="forward-panel">
          <div className="section-title">
            <h3>Forwarded</h3>
            <StatusCode status={forward.status} none="failed" />
            <code className="muted">{forward.url}</code>
            <span className="faint">{Math.round(forward.durationMs)} ms</span>
          </div>
          {forward.error ? (
            <p className="error-text" role="status">
              {forward.error}
            </p>
          ) : null}
          {forward.status !== null ? (
            <>
              <HeaderList headers={forward.headers} caption="Forward response headers" />
              {forwardBytes && forwardBytes.length > 0 ? (
                <pre className="pre-box">{forwardText ?? `(${formatBytes(forwardBytes.length)} of binary data)`}</pre>
              ) : (
                <p className="faint">Empty body.</p>
              )}
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
