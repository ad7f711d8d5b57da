/**
 * Getting captures and deliveries out of and into the Workbench: HAR 1.2 and NDJSON export,
 * HAR import (all or nothing), and curl command lines that send a capture or a delivery again.
 *
 * Export `ids` may name captures and deliveries (`dlv_...`) together; without ids every
 * capture is exported. In HAR a delivery becomes one entry per attempt; in NDJSON a capture
 * is one Capture object per line and a delivery one DeliveryDetail per line.
 */
import { notFound } from '../../shared/errors'
import type { Capture, DeliveryDetail } from '../../shared/models'
import type { ImportedCapture } from '../receiver/types'
import type { Db } from '../store/database'
import type { ServiceOf } from '../workbench-api'
import { parseHeaders } from '../sender/endpoints-repo'
import { createListenerLookup, captureUrl } from './capture-url'
import { curlCommand } from './curl'
import { captureEntry, deliveryEntries, harOf } from './har-export'
import { parseHar } from './har-import'

export { curlCommand, shellQuote } from './curl'
export { parseHar } from './har-import'

export interface ExchangeDeps {
  db: Db
  receiver: { getCaptures(ids?: string[]): Capture[]; insertImported(records: ImportedCapture[]): string[] }
  sender: { getDeliveries(ids?: string[]): DeliveryDetail[] }
}

export interface ExchangeService {
  export: ServiceOf<'exchange'>['export']
  importHar: ServiceOf<'exchange'>['importHar']
  curlForCapture(input: { id: string }): Promise<{ command: string }>
  curlForDelivery(input: { id: string }): Promise<{ command: string }>
}

const isDeliveryId = (id: string): boolean => id.startsWith('dlv_')

function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
}

export function createExchangeService(deps: ExchangeDeps): ExchangeService {
  const listenerOf = createListenerLookup(deps.db)
  const requestHeadersOf = deps.db.prepare('SELECT request_headers FROM deliveries WHERE id = ?')

  /** The captures and deliveries named by `ids` (all captures when omitted); unknown ids are an error. */
  function select(ids: string[] | undefined): { captures: Capture[]; deliveries: DeliveryDetail[] } {
    if (!ids) return { captures: deps.receiver.getCaptures(), deliveries: [] }
    const captureIds = ids.filter((id) => !isDeliveryId(id))
    const deliveryIds = ids.filter(isDeliveryId)
    const captures = captureIds.length ? deps.receiver.getCaptures(captureIds) : []
    const deliveries = deliveryIds.length ? deps.sender.getDeliveries(deliveryIds) : []
    const found = new Set([...captures.map((c) => c.id), ...deliveries.map((d) => d.id)])
    const missing = ids.find((id) => !found.has(id))
    if (missing !== undefined) throw notFound(isDeliveryId(missing) ? 'delivery' : 'capture', missing)
    return { captures, deliveries }
  }

  return {
    async export({ format, ids }) {
      const { captures, deliveries } = select(ids)
      const what = deliveries.length && !captures.length ? 'deliveries' : 'captures'
      const filename = `smart-kyc-${what}-${stamp(new Date())}.${format}`
      if (format === 'ndjson') {
        const lines = [...captures, ...deliveries].map((item) => JSON.stringify(item))
        return { filename, content: lines.length ? `${lines.join('\n')}\n` : '' }
      }
      const entries = [
        ...captures.map((c) => captureEntry(c, listenerOf(c.listenerId))),
        ...deliveries.flatMap((d) => deliveryEntries(d))
      ]
      return { filename, content: `${JSON.stringify(harOf(entries), null, 2)}\n` }
    },

    async importHar({ content }) {
      // Everything is parsed and checked before the one insert transaction.
      const records = parseHar(content)
      if (records.length === 0) return { imported: 0 }
      return { imported: deps.receiver.insertImported(records).length }
    },

    async curlForCapture({ id }) {
      const capture = deps.receiver.getCaptures([id])[0]
      if (!capture) throw notFound('capture', id)
      const body = Buffer.from(capture.bodyBase64, 'base64')
      const notes = [`Sends capture ${capture.id} again: ${body.length} body bytes, ${capture.headers.length} headers in their order.`]
      if (capture.bodyTruncated) {
        notes.push(`Only the first ${body.length} of ${capture.bodySize} body bytes were kept when it was captured; this sends those.`)
      }
      const listener = listenerOf(capture.listenerId)
      if (!listener) notes.push('This capture has no listener (it was imported): check the scheme and host of the URL.')
      else if (listener.protocol === 'https') {
        notes.push('The listener serves the local CA\'s certificate: add --cacert "$(kyc-hooks ca path)" if curl does not trust it yet.')
      }
      return {
        command: curlCommand({
          method: capture.method,
          url: captureUrl(capture, listener),
          headers: capture.headers,
          body,
          httpVersion: capture.httpVersion,
          notes
        })
      }
    },

    async curlForDelivery({ id }) {
      const delivery = deps.sender.getDeliveries([id])[0]
      if (!delivery) throw notFound('delivery', id)
      const last = delivery.attempts[delivery.attempts.length - 1]
      const stored = requestHeadersOf.get(id) as { request_headers: string } | undefined
      const headers = last ? last.requestHeaders : stored ? parseHeaders(stored.request_headers) : []
      return {
        command: curlCommand({
          method: 'POST',
          url: delivery.url,
          headers,
          body: Buffer.from(delivery.bodyBase64, 'base64'),
          httpVersion: '1.1',
          notes: [`Sends delivery ${delivery.id} again (message ${delivery.messageId}), signature header included.`]
        })
      }
    }
  }
}
