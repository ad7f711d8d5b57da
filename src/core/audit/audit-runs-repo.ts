/**
 * Past audit runs, kept so a user can compare before and after a fix. A run is stored
 * whole (its report as JSON); the list reads only the summary columns.
 */
import { AuditReport, type AuditRunSummary } from '../../shared/audit-models'
import type { Db } from '../store/database'

interface RunRow {
  id: string
  url: string
  endpoint_id: string | null
  started_at: string
  finished_at: string
  budget_ms: number
  summary: string
  report: string
}

export interface AuditRunsRepo {
  save(report: AuditReport): void
  list(limit: number): AuditRunSummary[]
  get(id: string): AuditReport | null
}

export function createAuditRunsRepo(db: Db): AuditRunsRepo {
  const insert = db.prepare(
    `INSERT INTO audit_runs (id, url, endpoint_id, started_at, finished_at, budget_ms, summary, report)
     VALUES (@id, @url, @endpoint_id, @started_at, @finished_at, @budget_ms, @summary, @report)`
  )
  const listStmt = db.prepare(
    'SELECT id, url, endpoint_id, started_at, finished_at, budget_ms, summary FROM audit_runs ORDER BY started_at DESC, id DESC LIMIT ?'
  )
  const getStmt = db.prepare('SELECT report FROM audit_runs WHERE id = ?')
  return {
    save(r) {
      insert.run({
        id: r.id,
        url: r.url,
        endpoint_id: r.endpointId,
        started_at: r.startedAt,
        finished_at: r.finishedAt,
        budget_ms: r.budgetMs,
        summary: JSON.stringify(r.summary),
        report: JSON.stringify(r)
      })
    },
    list(limit) {
      return (listStmt.all(limit) as Omit<RunRow, 'report'>[]).map((row) => ({
        id: row.id,
        url: row.url,
        endpointId: row.endpoint_id,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        budgetMs: row.budget_ms,
        summary: JSON.parse(row.summary) as AuditRunSummary['summary']
      }))
    },
    get(id) {
      const row = getStmt.get(id) as { report: string } | undefined
      return row ? AuditReport.parse(JSON.parse(row.report)) : null
    }
  }
}
