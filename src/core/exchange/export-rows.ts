/**
 * A capture or a delivery as it goes into an export or a curl command: secret header values
 * masked unless asked for, and with `redact: 'pii'` the request body stripped of personal
 * data. The stored rows are never changed; these are copies.
 */
import type { Capture, DeliveryDetail, HeaderPair } from '../../shared/models'
import { maskSecretHeaders, redactPiiBody } from './redact'

export interface ExportPrivacy {
  includeSecrets: boolean
  redact?: 'pii'
}

function headersFor(pairs: HeaderPair[], privacy: ExportPrivacy): HeaderPair[] {
  return privacy.includeSecrets ? pairs : maskSecretHeaders(pairs).headers
}

function bodyFor(bodyBase64: string, privacy: ExportPrivacy): string {
  if (privacy.redact !== 'pii') return bodyBase64
  return redactPiiBody(Buffer.from(bodyBase64, 'base64')).toString('base64')
}

/** The capture as exported: request, reply and forward headers masked, body redacted when asked. */
export function exportedCapture(capture: Capture, privacy: ExportPrivacy): Capture {
  return {
    ...capture,
    headers: headersFor(capture.headers, privacy),
    bodyBase64: bodyFor(capture.bodyBase64, privacy),
    response: { ...capture.response, headers: headersFor(capture.response.headers, privacy) },
    forward: capture.forward ? { ...capture.forward, headers: headersFor(capture.forward.headers, privacy) } : null
  }
}

/** The delivery as exported: every attempt's request and response headers masked, body redacted when asked. */
export function exportedDelivery(delivery: DeliveryDetail, privacy: ExportPrivacy): DeliveryDetail {
  return {
    ...delivery,
    bodyBase64: bodyFor(delivery.bodyBase64, privacy),
    attempts: delivery.attempts.map((a) => ({
      ...a,
      requestHeaders: headersFor(a.requestHeaders, privacy),
      responseHeaders: headersFor(a.responseHeaders, privacy)
    }))
  }
}
