/**
 * Pure rules of the inbox list, kept apart from the slice so they are tested without a
 * store: which live captures belong in the filtered list, how a live batch merges in.
 */
import type { CaptureFilter, CaptureSummary, SchemaStatus, SignatureStatus } from '../../../shared/models'

/** The filters the inbox toolbar edits. Empty means "any". */
export interface InboxFilters {
  listenerId: string
  event: string
  signature: '' | SignatureStatus
  schema: '' | SchemaStatus
  /** Text so it can hold what the user is typing; only a whole number 100..599 filters. */
  responseStatus: string
  q: string
}

export const EMPTY_FILTERS: InboxFilters = {
  listenerId: '',
  event: '',
  signature: '',
  schema: '',
  responseStatus: '',
  q: ''
}

/** How many captures one page asks for. */
export const PAGE_SIZE = 200
/** Live captures beyond this many are dropped from memory (still on disk; "load more" finds them). */
export const MAX_IN_MEMORY = 20_000

/** The status filter as a number, or undefined when empty or not a status code. */
export function parseStatusFilter(text: string): number | undefined {
  const t = text.trim()
  if (!/^\d{3}$/.test(t)) return undefined
  const n = Number(t)
  return n >= 100 && n <= 599 ? n : undefined
}

/** The contract filter for captures.list from the toolbar's filters. */
export function toCaptureFilter(filters: InboxFilters, beforeSeq?: number): CaptureFilter {
  const out: CaptureFilter = { limit: PAGE_SIZE }
  if (filters.listenerId) out.listenerId = filters.listenerId
  if (filters.event) out.event = filters.event
  if (filters.signature) out.signature = filters.signature
  if (filters.schema) out.schema = filters.schema
  const status = parseStatusFilter(filters.responseStatus)
  if (status !== undefined) out.responseStatus = status
  const q = filters.q.trim()
  if (q) out.q = q
  if (beforeSeq !== undefined) out.beforeSeq = beforeSeq
  return out
}

/**
 * Whether a live capture belongs in the current list. Free text is matched on the server
 * (it searches the body too), so with a search active the answer is "unknown" and the UI
 * offers a refresh instead of guessing.
 */
export function matchesFilters(c: CaptureSummary, filters: InboxFilters): boolean | 'unknown' {
  if (filters.listenerId && c.listenerId !== filters.listenerId) return false
  if (filters.event && c.event !== filters.event) return false
  if (filters.signature && c.signature !== filters.signature) return false
  if (filters.schema && c.schema !== filters.schema) return false
  const status = parseStatusFilter(filters.responseStatus)
  if (status !== undefined && c.responseStatus !== status) return false
  if (filters.q.trim()) return 'unknown'
  return true
}

export interface LiveMergeResult {
  items: CaptureSummary[]
  /** How many of the incoming captures were added to the list. */
  added: number
  /** The captures added, newest first. */
  fresh: CaptureSummary[]
  /** How many may match but could not be checked here (search active). */
  unknown: number
}

/**
 * Merges a batch of live captures (oldest first, as they arrived) into a newest-first list.
 * Ids already present are skipped, so a capture seen both live and by a reload appears once.
 */
export function mergeLive(items: CaptureSummary[], incoming: CaptureSummary[], filters: InboxFilters): LiveMergeResult {
  // The list is newest first, so an id already in it sits among the rows at or above the
  // oldest incoming seq: only those are looked at, not all 20,000 on every batch (issue 10).
  let minSeq = Infinity
  for (const c of incoming) if (c.seq < minSeq) minSeq = c.seq
  const known = new Set<string>()
  for (let i = 0; i < items.length && items[i].seq >= minSeq; i++) known.add(items[i].id)
  const fresh: CaptureSummary[] = []
  let unknown = 0
  for (const c of incoming) {
    if (known.has(c.id)) continue
    const m = matchesFilters(c, filters)
    if (m === 'unknown') unknown++
    else if (m) {
      fresh.push(c)
      known.add(c.id)
    }
  }
  if (fresh.length === 0) return { items, added: 0, fresh, unknown }
  fresh.sort((a, b) => b.seq - a.seq)
  const merged = fresh.concat(items)
  // A reload may be in flight while live captures arrive; keep newest-first by seq.
  if (items.length > 0 && fresh[fresh.length - 1].seq < items[0].seq) merged.sort((a, b) => b.seq - a.seq)
  return { items: merged.slice(0, MAX_IN_MEMORY), added: fresh.length, fresh, unknown }
}

/** Removes deleted ids from the list; `all` empties it. */
export function removeDeleted(items: CaptureSummary[], ids: string[], all: boolean): CaptureSummary[] {
  if (all) return []
  if (ids.length === 0) return items
  const gone = new Set(ids)
  return items.filter((c) => !gone.has(c.id))
}
