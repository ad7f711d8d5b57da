/**
 * Delivery health from the attempts table, in SQL: per saved endpoint over a window, the
 * attempts, the successes, p50/p95 of the attempt duration, the latest failed attempt, and
 * a time-bucketed series for the chart. Attempts to ad-hoc targets (no endpoint) and to
 * deleted endpoints are not counted: there is nothing to show them against.
 *
 * The window is a range on attempts.started_at (index attempts_by_started_at); our times
 * are ISO 8601 UTC with milliseconds, so text order is time order.
 */
import type { Db } from '../store/database'
import type { EndpointHealth, HealthBucket, HealthLastError, HealthReport, HealthWindow } from '../../shared/health-models'

const HOUR_MS = 3_600_000

/** How long each window is and how wide each bar of its chart. */
export const WINDOW_SPECS: Record<HealthWindow, { ms: number; bucketMs: number }> = {
  '1h': { ms: HOUR_MS, bucketMs: 5 * 60_000 },
  '24h': { ms: 24 * HOUR_MS, bucketMs: HOUR_MS },
  '7d': { ms: 7 * 24 * HOUR_MS, bucketMs: 6 * HOUR_MS }
}

/** Counts only: what the alert monitor needs after every attempt, without percentiles or series. */
export interface EndpointRate {
  endpointId: string
  endpointName: string
  url: string
  attempts: number
  successes: number
  lastError: string | null
}

interface EndpointRow {
  id: string
  name: string
  url: string
  active: number
}

interface CountRow {
  endpoint_id: string
  attempts: number
  successes: number
}

interface LatencyRow {
  endpoint_id: string
  p50: number | null
  p95: number | null
}

interface ErrorRow {
  endpoint_id: string
  started_at: string
  error: string | null
  response_code: number | null
  delivery_id: string
}

interface BucketRow {
  endpoint_id: string
  bucket: number
  attempts: number
  successes: number
}

/** Attempts of saved endpoints in [since, until]; every query below starts from it. */
const IN_WINDOW = `FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
  WHERE a.started_at >= @since AND a.started_at <= @until AND d.endpoint_id IS NOT NULL`

export interface HealthQuery {
  /** The full report for the Endpoints screen and the CLI. */
  report(window: HealthWindow, thresholdPercent: number, now?: Date): HealthReport
  /** Per endpoint with attempts in the window: counts and the last error text (for alerts). */
  rates(window: HealthWindow, now?: Date): EndpointRate[]
}

/** Whether a rate is under the threshold; never with alerts off (0) or without attempts. */
export function isBelow(successes: number, attempts: number, thresholdPercent: number): boolean {
  return thresholdPercent > 0 && attempts > 0 && (successes / attempts) * 100 < thresholdPercent
}

/** The words for a failed attempt: its error, or its status code when it has no text. */
function errorText(error: string | null, responseCode: number | null): string {
  return error ?? (responseCode !== null ? `HTTP ${responseCode}` : 'failed')
}

export function createHealthQuery(db: Db): HealthQuery {
  const selectEndpoints = db.prepare<[], EndpointRow>('SELECT id, name, url, active FROM endpoints ORDER BY created_at, rowid')
  const selectCounts = db.prepare(
    `SELECT d.endpoint_id, COUNT(*) AS attempts, COALESCE(SUM(a.outcome = 'success'), 0) AS successes
     ${IN_WINDOW}
     GROUP BY d.endpoint_id`
  )
  // percentile_cont: SQLite's percentile extension, compiled into better-sqlite3 (SQLITE_ENABLE_PERCENTILE).
  const selectLatency = db.prepare(
    `SELECT d.endpoint_id, percentile_cont(a.duration_ms, 0.5) AS p50, percentile_cont(a.duration_ms, 0.95) AS p95
     ${IN_WINDOW}
     GROUP BY d.endpoint_id`
  )
  // The latest failure per endpoint; rowid breaks ties between attempts of the same millisecond.
  const selectLastErrors = db.prepare(
    `SELECT endpoint_id, started_at, error, response_code, delivery_id FROM (
       SELECT d.endpoint_id, a.started_at, a.error, a.response_code, a.delivery_id,
         ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY a.started_at DESC, a.rowid DESC) AS rn
       ${IN_WINDOW} AND a.outcome = 'error'
     ) WHERE rn = 1`
  )
  // The bars also give the totals, so the report reads the window's attempts three times, not four.
  const selectBuckets = db.prepare(
    `SELECT d.endpoint_id,
       CAST((julianday(a.started_at) - julianday(@since)) * 86400000.0 / @bucketMs AS INTEGER) AS bucket,
       COUNT(*) AS attempts, COALESCE(SUM(a.outcome = 'success'), 0) AS successes
     ${IN_WINDOW}
     GROUP BY d.endpoint_id, bucket`
  )
  const range = (window: HealthWindow, now: Date) => {
    const spec = WINDOW_SPECS[window]
    const sinceMs = now.getTime() - spec.ms
    return { spec, sinceMs, since: new Date(sinceMs).toISOString(), until: now.toISOString() }
  }

  // One read transaction: the queries see the same attempts even while a sender writes.
  const report = db.transaction((window: HealthWindow, thresholdPercent: number, now: Date): HealthReport => {
    const { spec, sinceMs, since, until } = range(window, now)
    const params = { since, until, bucketMs: spec.bucketMs }
    const bucketCount = Math.ceil(spec.ms / spec.bucketMs)

    const latency = new Map((selectLatency.all(params) as LatencyRow[]).map((r) => [r.endpoint_id, r]))
    const lastErrors = new Map<string, HealthLastError>()
    for (const r of selectLastErrors.all(params) as ErrorRow[]) {
      lastErrors.set(r.endpoint_id, {
        at: r.started_at,
        message: errorText(r.error, r.response_code),
        responseCode: r.response_code,
        deliveryId: r.delivery_id
      })
    }
    const series = new Map<string, HealthBucket[]>()
    const seriesOf = (id: string): HealthBucket[] => {
      let buckets = series.get(id)
      if (!buckets) {
        buckets = Array.from({ length: bucketCount }, (_, i) => ({
          start: new Date(sinceMs + i * spec.bucketMs).toISOString(),
          attempts: 0,
          successes: 0
        }))
        series.set(id, buckets)
      }
      return buckets
    }
    for (const r of selectBuckets.all(params) as BucketRow[]) {
      // An attempt at exactly `until` lands one past the end; it belongs to the last bar.
      const bucket = seriesOf(r.endpoint_id)[Math.min(Math.max(r.bucket, 0), bucketCount - 1)]
      bucket.attempts += r.attempts
      bucket.successes += r.successes
    }

    const endpoints: EndpointHealth[] = selectEndpoints.all().map((e) => {
      const bars = seriesOf(e.id)
      const attempts = bars.reduce((n, b) => n + b.attempts, 0)
      const successes = bars.reduce((n, b) => n + b.successes, 0)
      const l = latency.get(e.id)
      return {
        endpointId: e.id,
        endpointName: e.name,
        url: e.url,
        active: e.active === 1,
        attempts,
        successes,
        successRate: attempts > 0 ? successes / attempts : null,
        p50Ms: l?.p50 ?? null,
        p95Ms: l?.p95 ?? null,
        lastError: lastErrors.get(e.id) ?? null,
        belowThreshold: isBelow(successes, attempts, thresholdPercent),
        series: bars
      }
    })
    return { window, since, until, bucketMs: spec.bucketMs, thresholdPercent, endpoints }
  })

  return {
    report: (window, thresholdPercent, now = new Date()) => report(window, thresholdPercent, now),
    rates(window, now = new Date()) {
      const { since, until } = range(window, now)
      const params = { since, until }
      const counts = selectCounts.all(params) as CountRow[]
      const lastErrors = new Map((selectLastErrors.all(params) as ErrorRow[]).map((r) => [r.endpoint_id, errorText(r.error, r.response_code)]))
      const saved = new Map(selectEndpoints.all().map((e) => [e.id, e]))
      return counts.flatMap((c) => {
        const e = saved.get(c.endpoint_id)
        if (!e) return []
        return [{ endpointId: e.id, endpointName: e.name, url: e.url, attempts: c.attempts, successes: c.successes, lastError: lastErrors.get(e.id) ?? null }]
      })
    }
  }
}
