/**
 * Getting captures and deliveries out of and into the Workbench: HAR 1.2 and NDJSON export,
 * HAR import (all or nothing), and curl command lines that send a capture or a delivery again.
 *
 * Export goes page by page (export-pages.ts): the named ids (captures and `dlv_...`
 * deliveries together), or everything a capture or delivery filter matches. In HAR a
 * delivery becomes one entry per attempt; in NDJSON a capture is one Capture object per line
 * and a delivery one DeliveryDetail per line. Exports and curl commands mask secret header
 * values unless asked (redact.ts).
 */
import { notFound } from '../../shared/errors'
import { ExportRequest } from '../../shared/contract'
import type { Capture, CaptureFilter, CaptureSummary, Delivery, DeliveryDetail, DeliveryFilter } from '../../shared/models'
import type { ImportedCapture } from '../receiver/types'
import type { Db } from '../store/database'
import type { ServiceOf } from '../../shared/workbench-api'
import { parseHeaders } from '../store/header-column'
import { createListenerLookup, captureUrl } from './capture-url'
import { curlCommand } from './curl'
import { exportPage } from './export-pages'
import { parseHar } from './har-import'
import { maskSecretHeaders } from './redact'

export { curlCommand } from './curl'
export { parseHar } from './har-import'

export interface ExchangeDeps {
  db: Db
  receiver: {
    getCaptures(ids?: string[]): Capture[]
    insertImported(records: ImportedCapture[]): string[]
    captures: { list(filter: CaptureFilter): Promise<{ items: CaptureSummary[]; total: number }> }
  }
  sender: {
    getDeliveries(ids?: string[]): DeliveryDetail[]
    deliveries: { list(filter: DeliveryFilter): Promise<{ items: Delivery[]; total: number }> }
  }
  /** Absolute path of the local CA certificate, for `--cacert` in commands aimed at HTTPS listeners. */
  caCertPath(): string
}

export interface ExchangeService {
  export: ServiceOf<'exchange'>['export']
  importHar: ServiceOf<'exchange'>['importHar']
  curlForCapture: ServiceOf<'captures'>['curl']
  curlForDelivery: ServiceOf<'deliveries'>['curl']
}

/** Headers for a curl command: secret values masked unless asked, with a note naming them. */
function curlHeaders(pairs: Capture['headers'], includeSecrets: boolean | undefined, notes: string[]): Capture['headers'] {
  if (includeSecrets) return pairs
  const { headers, masked } = maskSecretHeaders(pairs)
  if (masked.length) {
    notes.push(`The value of ${[...new Set(masked)].join(', ')} is masked: ask for the command with secrets included to send it as captured.`)
  }
  return headers
}

export function createExchangeService(deps: ExchangeDeps): ExchangeService {
  const listenerOf = createListenerLookup(deps.db)
  const requestHeadersOf = deps.db.prepare('SELECT request_headers FROM deliveries WHERE id = ?')

  return {
    async export(input) {
      const req = ExportRequest.parse(input)
      return exportPage(
        {
          listCaptures: (filter) => deps.receiver.captures.list(filter),
          getCaptures: (ids) => deps.receiver.getCaptures(ids),
          listDeliveries: (filter) => deps.sender.deliveries.list(filter),
          getDeliveries: (ids) => deps.sender.getDeliveries(ids),
          listenerOf
        },
        req
      )
    },

    async importHar({ content }) {
      // Everything is parsed and checked before the one insert transaction.
      const records = parseHar(content)
      if (records.length === 0) return { imported: 0 }
      return { imported: deps.receiver.insertImported(records).length }
    },

    async curlForCapture({ id, includeSecrets }) {
      const capture = deps.receiver.getCaptures([id])[0]
      if (!capture) throw notFound('capture', id)
      const body = Buffer.from(capture.bodyBase64, 'base64')
      const notes = [`Sends capture ${capture.id} again: ${body.length} body bytes, ${capture.headers.length} headers in their order.`]
      if (capture.bodyTruncated) {
        notes.push(`Only the first ${body.length} of ${capture.bodySize} body bytes were kept when it was captured; this sends those.`)
      }
      const listener = listenerOf(capture.listenerId)
      if (!listener) notes.push('This capture has no listener (it was imported): check the scheme and host of the URL.')
      // The listener's certificate comes from the local CA, which no system store trusts:
      // without --cacert curl stops with error 60.
      const caCert = listener?.protocol === 'https' ? deps.caCertPath() : undefined
      const headers = curlHeaders(capture.headers, includeSecrets, notes)
      return {
        command: curlCommand({
          method: capture.method,
          url: captureUrl(capture, listener),
          headers,
          body,
          httpVersion: capture.httpVersion,
          notes,
          ...(caCert ? { caCert } : {})
        })
      }
    },

    async curlForDelivery({ id, includeSecrets }) {
      const delivery = deps.sender.getDeliveries([id])[0]
      if (!delivery) throw notFound('delivery', id)
      const last = delivery.attempts[delivery.attempts.length - 1]
      const stored = requestHeadersOf.get(id) as { request_headers: string } | undefined
      const notes = [`Sends delivery ${delivery.id} again (message ${delivery.messageId}), signature header included.`]
      const headers = curlHeaders(last ? last.requestHeaders : stored ? parseHeaders(stored.request_headers) : [], includeSecrets, notes)
      return {
        command: curlCommand({
          method: 'POST',
          url: delivery.url,
          headers,
          body: Buffer.from(delivery.bodyBase64, 'base64'),
          httpVersion: '1.1',
          notes
        })
      }
    }
  }
}
