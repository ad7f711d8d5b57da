/**
 * The inbox page and total for the filters alone (no search text), answered from the
 * per-combination counts of migration 8 (store/capture-filter-counts-schema.ts):
 *
 * 1. the combinations of filter values that occur and match, with their counts: a lookup in a
 *    table of tens or hundreds of rows. Their sum is the total; none means an empty page
 *    without reading a single capture;
 * 2. the newest seqs: per combination, a walk of `captures_by_filters` backwards from
 *    `beforeSeq`; SQLite merges the walks of a UNION ALL ordered by seq (MERGE in the plan)
 *    and stops after `limit`, so the cost is the page, not the rows the filters reject;
 * 3. the summary rows of those seqs by primary key.
 */
import type { Statement } from 'better-sqlite3'
import type { Db } from '../store/database'
import { FILTER_COLUMNS } from '../store/capture-filter-counts-schema'
import { SUMMARY_COLUMNS, type SummaryRow } from './capture-mapping'
import type { CaptureFilter } from '../../shared/models'

type FilterValue = string | number | null
type Combination = FilterValue[]

/** Combinations merged by one statement; SQLite allows at most 500 terms in a compound SELECT. */
const MERGE_CHUNK = 64

const NO_BOUND = Number.MAX_SAFE_INTEGER

/** The filter values set in `filter`, as [column, value] in index order. */
function filterValues(filter: CaptureFilter): [string, FilterValue][] {
  const values: [string, FilterValue | undefined][] = [
    ['listener_id', filter.listenerId],
    ['event', filter.event],
    ['signature_status', filter.signature],
    ['schema_status', filter.schema],
    ['response_status', filter.responseStatus]
  ]
  return values.filter((v): v is [string, FilterValue] => v[1] !== undefined)
}

export function createFilterPage(db: Db) {
  const statements = new Map<string, Statement<unknown[], unknown>>()
  function statement<T>(sql: string): Statement<unknown[], T> {
    let stmt = statements.get(sql)
    if (!stmt) {
      stmt = db.prepare<unknown[], unknown>(sql)
      statements.set(sql, stmt)
    }
    return stmt as Statement<unknown[], T>
  }

  function combinationsQuery(filter: CaptureFilter): { sql: string; params: FilterValue[] } {
    const set = filterValues(filter)
    const where = set.length ? ` WHERE ${set.map(([c]) => `${c} = ?`).join(' AND ')}` : ''
    return { sql: `SELECT ${FILTER_COLUMNS.join(', ')}, n FROM capture_filter_counts${where}`, params: set.map(([, v]) => v) }
  }

  // IS rather than =: listener, event and status can be NULL, and IS still uses the index.
  const arm = `SELECT seq FROM captures WHERE ${FILTER_COLUMNS.map((c) => `${c} IS ?`).join(' AND ')} AND seq < ?`
  const mergeSql = (k: number) => `${Array.from({ length: k }, () => arm).join(' UNION ALL ')} ORDER BY 1 DESC LIMIT ?`
  const rowsSql = `SELECT ${SUMMARY_COLUMNS} FROM captures WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`

  function combinations(filter: CaptureFilter): { combos: Combination[]; total: number } {
    const q = combinationsQuery(filter)
    const rows = statement<Record<string, FilterValue>>(q.sql).all(...q.params)
    let total = 0
    const combos = rows.map((r) => {
      total += r.n as number
      return FILTER_COLUMNS.map((c) => r[c])
    })
    return { combos, total }
  }

  function mergeParams(chunk: Combination[], beforeSeq: number | undefined, limit: number): unknown[] {
    return [...chunk.flatMap((c) => [...c, beforeSeq ?? NO_BOUND]), limit]
  }

  return {
    /** How many captures match the filters (exact, without touching `captures`). */
    total(filter: CaptureFilter): number {
      return combinations(filter).total
    },

    /** The newest `limit` summaries matching the filters, below `beforeSeq`, and the exact total. */
    list(filter: CaptureFilter, limit: number): { rows: SummaryRow[]; total: number } {
      const { combos, total } = combinations(filter)
      if (combos.length === 0) return { rows: [], total }
      let seqs: number[] = []
      for (let i = 0; i < combos.length; i += MERGE_CHUNK) {
        const chunk = combos.slice(i, i + MERGE_CHUNK)
        const found = statement<{ seq: number }>(mergeSql(chunk.length)).all(...mergeParams(chunk, filter.beforeSeq, limit))
        seqs.push(...found.map((r) => r.seq))
      }
      if (combos.length > MERGE_CHUNK) seqs = seqs.sort((a, b) => b - a).slice(0, limit)
      if (seqs.length === 0) return { rows: [], total }
      return { rows: statement<SummaryRow>(rowsSql).all(JSON.stringify(seqs)), total }
    },

    /** EXPLAIN QUERY PLAN of what `list` and `total` run for `filter`. */
    plan(filter: CaptureFilter, limit: number): { page: string[]; count: string[] } {
      const explain = (sql: string, params: unknown[]) =>
        db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail)
      const q = combinationsQuery(filter)
      const count = explain(q.sql, q.params)
      const { combos } = combinations(filter)
      if (combos.length === 0) return { page: [...count, 'no combination matches: captures is not read'], count }
      const chunk = combos.slice(0, MERGE_CHUNK)
      return {
        page: [...count, ...explain(mergeSql(chunk.length), mergeParams(chunk, filter.beforeSeq, limit)), ...explain(rowsSql, ['[]'])],
        count
      }
    }
  }
}
