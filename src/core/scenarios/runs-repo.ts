/** The recorded scenario runs and their timelines (table scenario_runs, migration 5). */
import type { ScenarioRun, ScenarioTimeline, TimelineEntry } from '../../shared/scenario-models'
import type { Db } from '../store/database'

interface Row {
  id: string
  scenario: string
  options: string
  seed: number
  status: ScenarioRun['status']
  started_at: string
  finished_at: string | null
  ids: string
  deliveries: number
  succeeded: number
  error: string | null
  entries: string
}

function runOf(row: Row): ScenarioRun {
  return {
    id: row.id,
    scenario: row.scenario,
    options: JSON.parse(row.options) as Record<string, unknown>,
    seed: row.seed,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ids: JSON.parse(row.ids) as ScenarioRun['ids'],
    deliveries: row.deliveries,
    succeeded: row.succeeded,
    error: row.error
  }
}

export function createRunsRepo(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO scenario_runs (id, scenario, options, seed, status, started_at, ids) VALUES (@id, @scenario, @options, @seed, 'running', @startedAt, @ids)`
    ),
    update: db.prepare(
      `UPDATE scenario_runs SET status = @status, finished_at = @finishedAt, ids = @ids, deliveries = @deliveries, succeeded = @succeeded,
         error = @error, entries = @entries WHERE id = @id`
    ),
    get: db.prepare<[string], Row>('SELECT * FROM scenario_runs WHERE id = ?'),
    list: db.prepare<[number], Row>('SELECT * FROM scenario_runs ORDER BY seq DESC LIMIT ?')
  }
  return {
    insert(run: ScenarioRun): void {
      q.insert.run({ id: run.id, scenario: run.scenario, options: JSON.stringify(run.options), seed: run.seed, startedAt: run.startedAt, ids: JSON.stringify(run.ids) })
    },
    save(run: ScenarioRun, entries: TimelineEntry[]): void {
      q.update.run({
        id: run.id,
        status: run.status,
        finishedAt: run.finishedAt,
        ids: JSON.stringify(run.ids),
        deliveries: run.deliveries,
        succeeded: run.succeeded,
        error: run.error,
        entries: JSON.stringify(entries)
      })
    },
    timeline(id: string): ScenarioTimeline | null {
      const row = q.get.get(id)
      return row ? { ...runOf(row), entries: JSON.parse(row.entries) as TimelineEntry[] } : null
    },
    list: (limit: number): ScenarioRun[] => q.list.all(limit).map(runOf)
  }
}

export type RunsRepo = ReturnType<typeof createRunsRepo>
