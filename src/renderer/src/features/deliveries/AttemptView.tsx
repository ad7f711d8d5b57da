/**
 * One delivery attempt: when, how long, what came back (body, code, headers) or the
 * transport error, then what was sent (URL + headers). Collapsed attempts render their bodies
 * only when opened, so a delivery with many attempts does not start many editors.
 */
import { useMemo, useState } from 'react'
import { SIGNATURE_HEADER, type Attempt } from '../../../../shared/models'
import CodeEditor from '../../editor/CodeEditor'
import { Badge, StatusCode } from '../../ui/Badge'
import HeaderList from '../../ui/HeaderList'
import HexView from '../../ui/HexView'
import ViewToggle from '../../ui/ViewToggle'
import { base64ToBytes } from '../inbox/body-format'
import { formatDateTime } from '../inbox/format'
import { base64ToText, looksLikeJson } from './delivery-logic'

const BODY_VIEWS = [
  { id: 'text', label: 'Text' },
  { id: 'hex', label: 'Hex' }
] as const

export default function AttemptView({ attempt: a, initiallyOpen }: { attempt: Attempt; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen)
  const body = useMemo(() => (open ? base64ToText(a.responseBodyBase64) : ''), [open, a.responseBodyBase64])
  const [bodyView, setBodyView] = useState<'text' | 'hex'>('text')
  const bytes = useMemo(() => (open && bodyView === 'hex' ? base64ToBytes(a.responseBodyBase64) : null), [open, bodyView, a.responseBodyBase64])

  return (
    <details className="dl-attempt" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="attempt">
      <summary>
        <span className="dl-attempt-no">Attempt {a.number}</span>
        <Badge tone={a.outcome === 'success' ? 'ok' : 'bad'}>{a.outcome === 'success' ? 'Success' : 'Error'}</Badge>
        <StatusCode status={a.responseCode} none="no response" />
        <span className="faint mono">{Math.round(a.durationMs)} ms</span>
        <span className="faint">{formatDateTime(a.startedAt)}</span>
      </summary>
      {open ? (
        <div className="dl-attempt-body">
          {a.error ? (
            <div className="callout callout-bad dl-attempt-error" data-testid="attempt-error">
              {a.error}
            </div>
          ) : null}
          <h4>
            Response{' '}
            {a.responseCode !== null && body ? (
              <ViewToggle options={BODY_VIEWS} value={bodyView} onChange={setBodyView} label="Response body view" testId="attempt-body-view" />
            ) : null}
          </h4>
          {a.responseCode === null ? (
            <p className="muted">No response{a.error ? '' : ' was received'}.</p>
          ) : (
            <>
              {bytes && body ? (
                <HexView bytes={bytes} maxHeight={240} testId="attempt-response-hex" />
              ) : body ? (
                <CodeEditor
                  value={body}
                  readOnly
                  language={looksLikeJson(body) ? 'json' : 'plaintext'}
                  height={Math.min(240, 40 + body.split('\n').length * 18)}
                  ariaLabel={`Response body of attempt ${a.number}`}
                  testId="attempt-response-body"
                />
              ) : (
                <p className="muted">Empty body.</p>
              )}
              {a.responseTruncated ? <p className="faint">The response body was truncated for storage.</p> : null}
              <HeaderList headers={a.responseHeaders} caption="Response headers" />
            </>
          )}
          <h4>Request</h4>
          <div className="mono dl-attempt-url">POST {a.requestUrl}</div>
          <HeaderList headers={a.requestHeaders} highlight={[SIGNATURE_HEADER]} caption="Request headers" />
        </div>
      ) : null}
    </details>
  )
}
