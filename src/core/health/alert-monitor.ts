/**
 * The health alert: watches each saved endpoint's success rate over the alert window and
 * pushes `health.alert` when it crosses the user's threshold. Once per crossing: `below`
 * when the rate falls under the threshold, nothing more while it stays there however many
 * attempts fail, `recovered` when it is back. The desktop shell turns `below` into a
 * notification and the browser UI into a banner; the engine only emits.
 *
 * It re-checks shortly after attempts finish (coalesced, so a burst costs one query), when
 * the settings change, and on a slow timer: the window slides (old failures age out) and
 * another process on the same database file (a CLI send) makes attempts we never hear of.
 */
import type { HealthAlert } from '../../shared/health-models'
import type { Settings } from '../../shared/models'
import type { EventBus } from '../event-bus'
import { isBelow, type EndpointRate, type HealthQuery } from './health-query'
import { messageOf } from '../../shared/errors'

/** How long to gather finished attempts before re-checking. */
export const RECHECK_DELAY_MS = 1_000
/** The slow re-check for a sliding window and other processes' attempts. */
export const SWEEP_INTERVAL_MS = 30_000

export interface AlertMonitorDeps {
  query: HealthQuery
  bus: EventBus
  settings: { current(): Settings }
  recheckDelayMs?: number
  sweepIntervalMs?: number
}

export interface AlertMonitor {
  /**
   * Re-checks every endpoint now and emits for each crossing; returns what it emitted. The
   * first check after start() only learns the current state: an endpoint that was already
   * failing before the app started is not a new crossing.
   */
  check(): HealthAlert[]
  /** Learns the current state silently, then follows attempts, settings and the clock. */
  start(): void
  stop(): void
}

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  /** Endpoints now below the threshold, with what was said about them. */
  const below = new Map<string, EndpointRate>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let sweep: ReturnType<typeof setInterval> | null = null
  let unsubscribe: Array<() => void> = []

  const alertOf = (state: HealthAlert['state'], rate: EndpointRate, settings: Settings): HealthAlert => ({
    state,
    endpointId: rate.endpointId,
    endpointName: rate.endpointName,
    url: rate.url,
    window: settings.healthAlertWindow,
    thresholdPercent: settings.healthAlertThresholdPercent,
    successRate: rate.attempts > 0 ? rate.successes / rate.attempts : null,
    attempts: rate.attempts,
    successes: rate.successes,
    lastError: rate.lastError,
    at: new Date().toISOString()
  })

  const evaluate = (emit: boolean): HealthAlert[] => {
    const settings = deps.settings.current()
    const threshold = settings.healthAlertThresholdPercent
    const rates = deps.query.rates(settings.healthAlertWindow)
    const now = new Map(rates.filter((r) => isBelow(r.successes, r.attempts, threshold)).map((r) => [r.endpointId, r]))
    const alerts: HealthAlert[] = []
    for (const [id, rate] of now) {
      if (!below.has(id)) alerts.push(alertOf('below', rate, settings))
      below.set(id, rate)
    }
    for (const [id, before] of below) {
      if (now.has(id)) continue
      below.delete(id)
      // Back above, out of the window, deleted, or alerts turned off: the banner goes.
      const rate = rates.find((r) => r.endpointId === id) ?? { ...before, attempts: 0, successes: 0, lastError: null }
      alerts.push(alertOf('recovered', rate, settings))
    }
    if (emit) for (const alert of alerts) deps.bus.emit('health.alert', alert)
    return alerts
  }

  const safeCheck = (): void => {
    try {
      evaluate(true)
    } catch (err) {
      // The database is closing or busy: the next attempt or sweep checks again.
      console.warn(`workbench: delivery health check skipped: ${messageOf(err)}`)
    }
  }

  const scheduleCheck = (): void => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      safeCheck()
    }, deps.recheckDelayMs ?? RECHECK_DELAY_MS)
  }

  return {
    check: () => evaluate(true),
    start() {
      if (sweep) return
      evaluate(false)
      unsubscribe = [
        deps.bus.on('attempt.finished', scheduleCheck),
        deps.bus.on('settings.changed', scheduleCheck),
        deps.bus.on('endpoints.changed', scheduleCheck)
      ]
      sweep = setInterval(safeCheck, deps.sweepIntervalMs ?? SWEEP_INTERVAL_MS)
      sweep.unref?.()
    },
    stop() {
      unsubscribe.forEach((u) => u())
      unsubscribe = []
      if (timer) clearTimeout(timer)
      if (sweep) clearInterval(sweep)
      timer = null
      sweep = null
    }
  }
}
