/**
 * SQL for the `captures` table: insert (used by the group-commit writer), filtered
 * listing newest first with paging by seq, full reads, deletes, and the later updates of
 * a capture's reply and forward result and of its signature diagnosis.
 */
import type { Db } from '../store/database'
import type { Statement } from 'better-sqlite3'
import type { Capture, CaptureFilter, CaptureSummary } from '../../shared/models'
import { SUMMARY_COLUMNS, toCapture, toSummary, type SummaryRow } from './capture-mapping'
import type { CaptureOutcome, CaptureRow, NewCaptureRow } from './types'
import { createFilterPage } from './captures-filter-page'

/** The filter as the contract hands it over (a missing limit means the schema's default). */
export type ParsedCaptureFilter = CaptureFilter

const DEFAULT_LIMIT = 200

// SQLite's default limit on bound parameters is 32766; stay far below it.
const DELETE_CHUNK = 500

/** `total` counts at most this many matches; beyond it the list says "10,000+". */
export const COUNT_CAP = 10_000

/** Search text shorter than trigrams (3 characters) is matched by LIKE over this many newest captures. */
export const SHORT_SEARCH_WINDOW = 1_000

type SearchPlan =
  | { kind: 'none' }
  | { kind: 'fts'; match: string; pattern: string; text: string }
  | { kind: 'like'; pattern: string }
  | { kind: 'id'; id: string }

/** Trigrams ANDed in one search at most: enough to make candidates rare; LIKE checks the rest. */
const MAX_TRIGRAMS = 12

/**
 * How to find "contains this text", case-insensitively. Three characters or more: the
 * text's trigrams ANDed in an FTS5 query, each inside double quotes with inner quotes doubled,
 * which FTS5 reads as plain text whatever it holds (AND, OR, NEAR, *, ^, parentheses are not
 * operators inside a string), so no FTS syntax error can reach the user. The index has no
 * positions (detail=none), so the candidates are then checked with LIKE.
 */
export function planSearch(q: string | undefined): SearchPlan {
  // NUL would end the string early on SQLite's side.
  const text = (q ?? '').split(String.fromCharCode(0)).join('').trim()
  if (text === '') return { kind: 'none' }
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const chars = [...text]
  if (chars.length < 3) return { kind: 'like', pattern }
  const trigrams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''))
  const all = [...trigrams]
  // Spread the chosen trigrams over the whole text, always keeping the last one.
  const chosen = all.length <= MAX_TRIGRAMS ? all : all.filter((_, i) => i % Math.ceil(all.length / MAX_TRIGRAMS) === 0 || i === all.length - 1)
  return { kind: 'fts', match: chosen.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND '), pattern, text }
}

// captures_fts has columns named like some of captures' (path, query): qualify them.
const QUALIFIED_SUMMARY_COLUMNS = SUMMARY_COLUMNS.split(',').map((c) => `captures.${c.trim()}`).join(', ')

// Positional parameters: binding 23 values from an object by name cost a few microseconds
// more per row, and this runs for every captured request. Exported with its values so the
// capture writer's thread (capture-writer-thread.ts) inserts exactly what insert() would.
export const CAPTURE_INSERT_SQL = `INSERT INTO captures (id, listener_id, source, received_at, method, path, query, http_version, remote_address,
       headers, body, body_size, body_sha256, body_truncated, event, signature_status, signature_verdict,
       schema_status, schema_verdict, duplicate_of, response, response_status, forward)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** The values of CAPTURE_INSERT_SQL for one row, in order. */
export function captureInsertValues(r: NewCaptureRow): unknown[] {
  return [
    r.id, r.listener_id, r.source, r.received_at, r.method, r.path, r.query, r.http_version, r.remote_address,
    r.headers, r.body, r.body_size, r.body_sha256, r.body_truncated, r.event, r.signature_status, r.signature_verdict,
    r.schema_status, r.schema_verdict, r.duplicate_of, r.response, r.response_status, r.forward
  ]
}

/** Named statements over `captures`. */
export function createCapturesRepo(db: Db) {
  const insert = db.prepare<unknown[]>(CAPTURE_INSERT_SQL)
  const byId = db.prepare<[string], CaptureRow>('SELECT * FROM captures WHERE id = ?')
  const idExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM captures WHERE id = ?')
  const summaryById = db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM captures WHERE id = ?`)
  const allAscending = db.prepare<[], CaptureRow>('SELECT * FROM captures ORDER BY seq')
  const firstForListener = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM captures WHERE listener_id = ? AND body_sha256 = ? ORDER BY seq LIMIT 1'
  )
  const firstImported = db.prepare<[string], { id: string }>(
    'SELECT id FROM captures WHERE listener_id IS NULL AND body_sha256 = ? ORDER BY seq LIMIT 1'
  )
  const setOutcome = db.prepare<[string, number | null, string | null, string]>(
    'UPDATE captures SET response = ?, response_status = ?, forward = ? WHERE id = ?'
  )
  const setSignatureVerdict = db.prepare<[string, string]>('UPDATE captures SET signature_verdict = ? WHERE id = ?')
  const idsOfListener = db.prepare<[string], { id: string }>('SELECT id FROM captures WHERE listener_id = ?')
  const deleteOfListener = db.prepare<[string]>('DELETE FROM captures WHERE listener_id = ?')
  const deleteAll = db.prepare('DELETE FROM captures')

  const deleteIdsTx = db.transaction((ids: string[]): string[] => {
    const deleted: string[] = []
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      const chunk = ids.slice(i, i + DELETE_CHUNK)
      const marks = chunk.map(() => '?').join(', ')
      const found = db.prepare<string[], { id: string }>(`SELECT id FROM captures WHERE id IN (${marks})`).all(...chunk)
      db.prepare<string[]>(`DELETE FROM captures WHERE id IN (${marks})`).run(...chunk)
      deleted.push(...found.map((r) => r.id))
    }
    return deleted
  })
  const clearListenerTx = db.transaction((listenerId: string): string[] => {
    const ids = idsOfListener.all(listenerId).map((r) => r.id)
    deleteOfListener.run(listenerId)
    return ids
  })

  // A handful of filter combinations exist; prepare each once.
  const listCache = new Map<string, Statement<unknown[], SummaryRow>>()
  const countCache = new Map<string, Statement<unknown[], { n: number }>>()
  const filterPage = createFilterPage(db)

  /** Without search text, the per-combination counts answer the total, and the page when a filter is set. */
  const byFiltersAlone = (filter: ParsedCaptureFilter) => planSearch(filter.q).kind === 'none'
  const hasFilter = (filter: ParsedCaptureFilter) =>
    [filter.listenerId, filter.event, filter.signature, filter.schema, filter.responseStatus].some((v) => v !== undefined)
  const capped = (items: CaptureSummary[], counted: number) => ({ items, total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP })

  function where(
    filter: ParsedCaptureFilter,
    withPaging: boolean,
    forCount = false
  ): { from: string; sql: string; order: string; params: unknown[] } {
    const clauses: string[] = []
    const params: unknown[] = []
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause)
      params.push(...values)
    }
    let search = planSearch(filter.q)
    // A whole capture id (pasted from the detail pane) finds that capture.
    if (search.kind === 'fts' && idExists.get(search.text)) search = { kind: 'id', id: search.text }
    // The full-text index drives the query when there is text: it yields matching seqs newest
    // first and stops after the page, so a common word costs no more than a rare one.
    const from = search.kind === 'fts' ? 'captures_fts AS f JOIN captures ON captures.seq = f.rowid' : 'captures'
    if (search.kind === 'fts') add('captures_fts MATCH ?', search.match)
    if (search.kind === 'id') add('captures.id = ?', search.id)
    if (filter.listenerId !== undefined) add('listener_id = ?', filter.listenerId)
    if (filter.event !== undefined) add('event = ?', filter.event)
    if (filter.signature !== undefined) add('signature_status = ?', filter.signature)
    if (filter.schema !== undefined) add('schema_status = ?', filter.schema)
    if (filter.responseStatus !== undefined) add('response_status = ?', filter.responseStatus)
    if (search.kind === 'like') {
      // Too short for trigrams: a LIKE over the newest SHORT_SEARCH_WINDOW captures only.
      add('seq > (SELECT IFNULL(MAX(seq), 0) FROM captures) - ?', SHORT_SEARCH_WINDOW)
    }
    // The count of a text search takes the index's candidates as they are: checking up to
    // 10,000 bodies with LIKE just to count them would cost far more than the page.
    if (search.kind === 'like' || (search.kind === 'fts' && !forCount)) {
      add(
        "(captures.path LIKE ? ESCAPE '\\' OR captures.query LIKE ? ESCAPE '\\' OR captures.headers LIKE ? ESCAPE '\\' " +
          "OR CAST(captures.body AS TEXT) LIKE ? ESCAPE '\\')",
        search.pattern, search.pattern, search.pattern, search.pattern
      )
    }
    if (withPaging && filter.beforeSeq !== undefined) add(search.kind === 'fts' ? 'f.rowid < ?' : 'seq < ?', filter.beforeSeq)
    const order = search.kind === 'fts' ? 'f.rowid' : 'seq'
    return { from, sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', order, params }
  }

  function pageQuery(filter: ParsedCaptureFilter): { sql: string; params: unknown[] } {
    const page = where(filter, true)
    return {
      sql: `SELECT ${QUALIFIED_SUMMARY_COLUMNS} FROM ${page.from}${page.sql} ORDER BY ${page.order} DESC LIMIT ?`,
      params: [...page.params, filter.limit ?? DEFAULT_LIMIT]
    }
  }

  // Counting stops one past the cap: an exact count of a million rows on every page would
  // cost far more than the page itself.
  function countQuery(filter: ParsedCaptureFilter): { sql: string; params: unknown[] } {
    const all = where(filter, false, true)
    const search = planSearch(filter.q)
    const onlyText =
      search.kind === 'fts' && [filter.listenerId, filter.event, filter.signature, filter.schema, filter.responseStatus].every((v) => v === undefined)
    // Text alone: count in the index without touching a single row (10x cheaper than the join).
    if (onlyText && all.from.startsWith('captures_fts') && all.params.length === 1) {
      return { sql: 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM captures_fts WHERE captures_fts MATCH ? LIMIT ?)', params: [all.params[0], COUNT_CAP + 1] }
    }
    return { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${all.from}${all.sql} LIMIT ?)`, params: [...all.params, COUNT_CAP + 1] }
  }

  function cached<T>(cache: Map<string, Statement<unknown[], T>>, sql: string): Statement<unknown[], T> {
    let stmt = cache.get(sql)
    if (!stmt) {
      stmt = db.prepare<unknown[], T>(sql)
      cache.set(sql, stmt)
    }
    return stmt
  }

  return {
    /** Inserts one row (call inside a transaction for batches); returns its seq. */
    insert(r: NewCaptureRow): number {
      return Number(insert.run(...captureInsertValues(r)).lastInsertRowid)
    },

    /**
     * Newest first; `total` counts every match regardless of paging, up to COUNT_CAP
     * (`totalCapped` then says there are more).
     */
    list(filter: ParsedCaptureFilter): { items: CaptureSummary[]; total: number; totalCapped: boolean } {
      if (byFiltersAlone(filter) && hasFilter(filter)) {
        const found = filterPage.list(filter, filter.limit ?? DEFAULT_LIMIT)
        return capped(found.rows.map(toSummary), found.total)
      }
      if (byFiltersAlone(filter)) {
        const page = pageQuery(filter)
        return capped(cached(listCache, page.sql).all(...page.params).map(toSummary), filterPage.total(filter))
      }
      const page = pageQuery(filter)
      const count = countQuery(filter)
      const items = cached(listCache, page.sql).all(...page.params).map(toSummary)
      return capped(items, cached(countCache, count.sql).get(...count.params)?.n ?? 0)
    },

    /** EXPLAIN QUERY PLAN of the page and count queries `list(filter)` runs (tests and the store bench). */
    plan(filter: ParsedCaptureFilter): { page: string[]; count: string[] } {
      const explain = (q: { sql: string; params: unknown[] }) =>
        db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => r.detail)
      if (byFiltersAlone(filter)) {
        const counts = filterPage.plan(filter, filter.limit ?? DEFAULT_LIMIT)
        return hasFilter(filter) ? counts : { page: explain(pageQuery(filter)), count: counts.count }
      }
      return { page: explain(pageQuery(filter)), count: explain(countQuery(filter)) }
    },

    get(id: string): Capture | null {
      const row = byId.get(id)
      return row ? toCapture(row) : null
    },

    summary(id: string): CaptureSummary | null {
      const row = summaryById.get(id)
      return row ? toSummary(row) : null
    },

    /** Full captures in the order received; all of them when `ids` is not given. Unknown ids are skipped. */
    getMany(ids?: string[]): Capture[] {
      if (!ids) return allAscending.all().map(toCapture)
      const rows = ids.map((id) => byId.get(id)).filter((r): r is CaptureRow => r !== undefined)
      return rows.sort((a, b) => a.seq - b.seq).map(toCapture)
    },

    /** The earliest capture with this body on this listener (null listener = imported). */
    firstWithBody(listenerId: string | null, sha256: string): string | null {
      const row = listenerId === null ? firstImported.get(sha256) : firstForListener.get(listenerId, sha256)
      return row?.id ?? null
    },

    setOutcome(id: string, outcome: CaptureOutcome): void {
      setOutcome.run(
        JSON.stringify(outcome.response),
        outcome.response.status,
        outcome.forward ? JSON.stringify(outcome.forward) : null,
        id
      )
    },

    /** Replaces the stored signature verdict (a diagnosis that arrived after the reply); false when the capture is gone. */
    setSignatureVerdict(id: string, verdictJson: string): boolean {
      return setSignatureVerdict.run(verdictJson, id).changes > 0
    },

    /** Deletes by id; returns the ids that existed. */
    deleteIds: (ids: string[]): string[] => deleteIdsTx(ids),

    /** Deletes one listener's captures; returns their ids. */
    clearListener: (listenerId: string): string[] => clearListenerTx(listenerId),

    /** Deletes every capture; returns how many. */
    clearAll(): number {
      return deleteAll.run().changes
    }
  }
}

export type CapturesRepo = ReturnType<typeof createCapturesRepo>
