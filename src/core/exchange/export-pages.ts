/**
 * Exports made page by page: each call reads at most `pageSize` rows from the database and
 * returns that page's text plus a cursor for the next one, so neither the engine nor a UI
 * ever holds every row. The pages, concatenated, are one NDJSON or HAR file.
 *
 * Rows come newest first: the named ids, every capture matching a filter, or every delivery
 * matching a filter (the Inbox's and the Deliveries screen's filters, without their paging).
 * The cursor is opaque to callers: rows done, whether a HAR entry was written (for commas),
 * and where the last page stopped (a capture seq, a delivery id, or an offset in `ids`).
 */
import { badInput, notFound } from '../../shared/errors'
import type { ExportPage, ExportRequest } from '../../shared/contract'
import type { Capture, CaptureFilter, CaptureSummary, Delivery, DeliveryDetail, DeliveryFilter } from '../../shared/models'
import { WORKBENCH_VERSION } from '../version'
import type { ListenerAddress } from './capture-url'
import { exportedCapture, exportedDelivery, type ExportPrivacy } from './export-rows'
import type { Entry as HarEntry } from 'har-format'
import { captureEntry, deliveryEntries, HAR_BASE64_NOTE } from './har-export'
import { exportNotes } from './redact'

export interface ExportSources {
  listCaptures(filter: CaptureFilter): Promise<{ items: CaptureSummary[]; total: number }>
  getCaptures(ids: string[]): Capture[]
  listDeliveries(filter: DeliveryFilter): Promise<{ items: Delivery[]; total: number }>
  getDeliveries(ids: string[]): DeliveryDetail[]
  listenerOf(id: string | null): ListenerAddress | null
}

type ParsedRequest = Omit<ExportRequest, 'includeSecrets' | 'pageSize'> & { includeSecrets: boolean; pageSize: number }

interface Cursor {
  done: number
  wroteEntry: boolean
  /** Capture seq, delivery id, or offset into `ids`, where the previous page stopped. */
  after: string
}

const isDeliveryId = (id: string): boolean => id.startsWith('dlv_')

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url')
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor
    if (typeof c.done === 'number' && typeof c.wroteEntry === 'boolean' && typeof c.after === 'string') return c
  } catch {
    // fall through to the error
  }
  throw badInput(`export cursor "${text.slice(0, 40)}" is not one this Workbench made: start the export again without a cursor`)
}

function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
}

/** Orders full rows like the listed summaries (newest first). */
function inOrderOf<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined)
}

interface RawPage {
  captures: Capture[]
  deliveries: DeliveryDetail[]
  total: number
  last: boolean
  after: string
}

async function readPage(src: ExportSources, req: ParsedRequest, after: string | null): Promise<RawPage> {
  const size = req.pageSize
  if (req.ids) {
    const offset = after === null ? 0 : Number(after)
    const ids = req.ids.slice(offset, offset + size)
    const captureIds = ids.filter((id) => !isDeliveryId(id))
    const deliveryIds = ids.filter(isDeliveryId)
    const captures = captureIds.length ? src.getCaptures(captureIds) : []
    const deliveries = deliveryIds.length ? src.getDeliveries(deliveryIds) : []
    const found = new Set([...captures.map((c) => c.id), ...deliveries.map((d) => d.id)])
    const missing = ids.find((id) => !found.has(id))
    if (missing !== undefined) throw notFound(isDeliveryId(missing) ? 'delivery' : 'capture', missing)
    const end = offset + ids.length
    return { captures, deliveries, total: req.ids.length, last: end >= req.ids.length, after: String(end) }
  }
  if (req.deliveries) {
    const { items, total } = await src.listDeliveries({ ...req.deliveries, limit: size, ...(after !== null ? { beforeId: after } : {}) })
    const ids = items.map((d) => d.id)
    const deliveries = ids.length ? inOrderOf(ids, src.getDeliveries(ids)) : []
    return { captures: [], deliveries, total, last: items.length < size, after: ids[ids.length - 1] ?? after ?? '' }
  }
  const filter = req.captures ?? {}
  const { items, total } = await src.listCaptures({ ...filter, limit: size, ...(after !== null ? { beforeSeq: Number(after) } : {}) })
  const ids = items.map((c) => c.id)
  const captures = ids.length ? inOrderOf(ids, src.getCaptures(ids)) : []
  const lastSeq = items[items.length - 1]?.seq
  return { captures, deliveries: [], total, last: items.length < size, after: lastSeq !== undefined ? String(lastSeq) : (after ?? '') }
}

function harHead(notes: string[]): string {
  const creator = JSON.stringify({ name: 'Smart KYC Webhook Workbench', version: WORKBENCH_VERSION })
  const comment = JSON.stringify([...notes, HAR_BASE64_NOTE].join(' '))
  return `{\n  "log": {\n    "version": "1.2",\n    "creator": ${creator},\n    "comment": ${comment},\n    "entries": [\n`
}

const HAR_TAIL = '\n    ]\n  }\n}\n'

/** Makes one page of an export (see the file comment). */
export async function exportPage(src: ExportSources, req: ParsedRequest): Promise<ExportPage> {
  const given = [req.ids, req.captures, req.deliveries].filter((x) => x !== undefined).length
  if (given > 1) throw badInput('export takes one of ids, captures (a filter) or deliveries (a filter), not several: pass only one')
  const cursor = req.cursor !== undefined ? decodeCursor(req.cursor) : null
  const privacy: ExportPrivacy = { includeSecrets: req.includeSecrets, ...(req.redact ? { redact: req.redact } : {}) }
  const page = await readPage(src, req, cursor ? cursor.after : null)

  const captures = page.captures.map((c) => exportedCapture(c, privacy))
  const deliveries = page.deliveries.map((d) => exportedDelivery(d, privacy))
  const rows = captures.length + deliveries.length
  let wroteEntry = cursor?.wroteEntry ?? false
  let content = ''

  if (req.format === 'ndjson') {
    const marks = {
      ...(req.includeSecrets ? {} : { secretHeadersMasked: true }),
      ...(req.redact === 'pii' ? { bodyRedacted: 'pii', bodyMatchesSignature: false } : {})
    }
    const extra = Object.keys(marks).length ? { _export: marks } : {}
    for (const item of [...captures, ...deliveries]) content += `${JSON.stringify({ ...item, ...extra })}\n`
  } else {
    if (!cursor) content += harHead(exportNotes(privacy))
    const comment = req.redact === 'pii' ? 'The request body was redacted (personal data): it no longer matches its signature.' : undefined
    const entries: HarEntry[] = [
      ...captures.map((c) => captureEntry(c, src.listenerOf(c.listenerId))),
      ...deliveries.flatMap((d) => deliveryEntries(d))
    ]
    for (const entry of entries) {
      // One entry per line, so a HAR of 100,000 entries is still easy to stream and to grep.
      content += `${wroteEntry ? ',\n' : ''}      ${JSON.stringify(comment ? { ...entry, comment } : entry)}`
      wroteEntry = true
    }
    if (page.last) content += HAR_TAIL
  }

  const what = req.deliveries || (req.ids && req.ids.length > 0 && req.ids.every(isDeliveryId)) ? 'deliveries' : 'captures'
  const done = (cursor?.done ?? 0) + rows
  return {
    filename: `smart-kyc-${what}-${stamp(new Date())}.${req.format}`,
    content,
    rows,
    done,
    total: Math.max(page.total, done),
    next: page.last ? null : encodeCursor({ done, wroteEntry, after: page.after })
  }
}
