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

/** The filter as the contract hands it over (a missing limit means the schema's default). */
export type ParsedCaptureFilter = CaptureFilter

const DEFAULT_LIMIT = 200

// SQLite's default limit on bound parameters is 32766; stay far below it.
const DELETE_CHUNK = 500

/** Named statements over `captures`. */
export function createCapturesRepo(db: Db) {
  // Positional parameters: binding 23 values from an object by name cost a few microseconds
  // more per row, and this runs for every captured request.
  const insert = db.prepare<unknown[]>(
    `INSERT INTO captures (id, listener_id, source, received_at, method, path, query, http_version, remote_address,
       headers, body, body_size, body_sha256, body_truncated, event, signature_status, signature_verdict,
       schema_status, schema_verdict, duplicate_of, response, response_status, forward)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const byId = db.prepare<[string], CaptureRow>('SELECT * FROM captures WHERE id = ?')
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

  function where(filter: ParsedCaptureFilter, withPaging: boolean): { sql: string; params: unknown[] } {
    const clauses: string[] = []
    const params: unknown[] = []
    const add = (clause: string, ...values: unknown[]) => {
      clauses.push(clause)
      params.push(...values)
    }
    if (filter.listenerId !== undefined) add('listener_id = ?', filter.listenerId)
    if (filter.event !== undefined) add('event = ?', filter.event)
    if (filter.signature !== undefined) add('signature_status = ?', filter.signature)
    if (filter.schema !== undefined) add('schema_status = ?', filter.schema)
    if (filter.responseStatus !== undefined) add('response_status = ?', filter.responseStatus)
    const q = filter.q?.trim()
    if (q) {
      // The body is matched as text; bodies that are not UTF-8 simply match less.
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      add(
        "(path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR event LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' " +
          "OR CAST(body AS TEXT) LIKE ? ESCAPE '\\')",
        pattern, pattern, pattern, pattern, pattern
      )
    }
    if (withPaging && filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq)
    return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params }
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
      return Number(
        insert.run(
          r.id, r.listener_id, r.source, r.received_at, r.method, r.path, r.query, r.http_version, r.remote_address,
          r.headers, r.body, r.body_size, r.body_sha256, r.body_truncated, r.event, r.signature_status, r.signature_verdict,
          r.schema_status, r.schema_verdict, r.duplicate_of, r.response, r.response_status, r.forward
        ).lastInsertRowid
      )
    },

    /** Newest first; `total` counts every match regardless of paging. */
    list(filter: ParsedCaptureFilter): { items: CaptureSummary[]; total: number } {
      const page = where(filter, true)
      const all = where(filter, false)
      const items = cached(listCache, `SELECT ${SUMMARY_COLUMNS} FROM captures${page.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...page.params, filter.limit ?? DEFAULT_LIMIT)
        .map(toSummary)
      const total = cached(countCache, `SELECT COUNT(*) AS n FROM captures${all.sql}`).get(...all.params)?.n ?? 0
      return { items, total }
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
