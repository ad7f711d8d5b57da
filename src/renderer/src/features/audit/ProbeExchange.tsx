/**
 * One request the audit sent, as the delivery log has it: the exact request (URL, headers,
 * body) and the answer, plus "Copy as curl" to reproduce it. Loaded when opened. The body
 * and headers are hostile text: shown in <pre> text nodes only.
 */
import { useEffect, useState } from 'react'
import type { DeliveryDetail } from '../../../../shared/models'
import { call } from '../../api/client'
import { copyText } from '../../app/clipboard'
import Button from '../../ui/Button'

const PREVIEW_CHARS = 4_000

function decode(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const text = new TextDecoder().decode(bytes)
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}\n… (${bytes.length.toLocaleString('en-US')} bytes in all)` : text
}

export default function ProbeExchange({ deliveryId }: { deliveryId: string }) {
  const [detail, setDetail] = useState<DeliveryDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)

  useEffect(() => {
    call('deliveries.get', { id: deliveryId }).then(setDetail, (err: Error) => setError(err.message))
  }, [deliveryId])

  const copyCurl = async () => {
    try {
      const { command } = await call('deliveries.curl', { id: deliveryId, includeSecrets: true })
      await copyText(command)
      setCopied('curl command copied')
    } catch (err) {
      setCopied(`could not copy: ${(err as Error).message}`)
    }
  }

  if (error) return <div className="field-error-text">{error}</div>
  if (!detail) return <div className="faint">Loading the request…</div>
  const attempt = detail.attempts.at(-1)
  return (
    <div className="audit-exchange" data-testid="audit-exchange">
      <div className="audit-exchange-actions">
        <Button size="sm" testId="audit-copy-curl" onClick={() => void copyCurl()}>
          Copy as curl
        </Button>
        <a href={`#/deliveries/${encodeURIComponent(deliveryId)}`}>Open in Deliveries</a>
        {copied ? (
          <span className="faint" role="status">
            {copied}
          </span>
        ) : null}
      </div>
      <div className="audit-exchange-grid">
        <section>
          <h4>Request</h4>
          <pre data-testid="audit-request">
            {`POST ${detail.url}\n${(attempt?.requestHeaders ?? []).map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${decode(detail.bodyBase64)}`}
          </pre>
        </section>
        <section>
          <h4>Response</h4>
          <pre data-testid="audit-response">
            {attempt
              ? attempt.responseCode === null
                ? (attempt.error ?? 'no answer')
                : `${attempt.responseCode} in ${Math.round(attempt.durationMs)} ms\n${attempt.responseHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${decode(attempt.responseBodyBase64)}`
              : 'not attempted'}
          </pre>
        </section>
      </div>
    </div>
  )
}
