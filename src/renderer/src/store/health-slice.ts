/**
 * Delivery health: the report the Endpoints screen shows (per endpoint over the chosen
 * window) and the alerts behind the banner. The banner lists the endpoints now below the
 * user's threshold: read once at start, then kept by pushed `health.alert` events (`below`
 * adds, `recovered` removes). A dismissed banner comes back with the next `below`.
 */
import type { HealthAlert, HealthReport, HealthWindow } from '../../../shared/health-models'
import { call } from '../api/client'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

/** After live deliveries, the report is read again at most this often: a week of attempts costs more to count. */
const REFRESH_MS: Record<HealthWindow, number> = { '1h': 1_000, '24h': 3_000, '7d': 10_000 }

export interface HealthSlice {
  health: {
    window: HealthWindow
    report: HealthReport | null
    alerts: HealthAlert[]
    bannerDismissed: boolean
    load(window?: HealthWindow): Promise<void>
    /** Reads the report again soon (throttled), if a screen has asked for it. */
    refreshSoon(): void
    loadAlerts(): Promise<void>
    applyAlerts(alerts: HealthAlert[]): void
    dismissBanner(): void
  }
}

/** The endpoints of a report that are below the threshold, as alerts (for the banner at start). */
function alertsOf(report: HealthReport): HealthAlert[] {
  return report.endpoints
    .filter((e) => e.belowThreshold)
    .map((e) => ({
      state: 'below' as const,
      endpointId: e.endpointId,
      endpointName: e.endpointName,
      url: e.url,
      window: report.window,
      thresholdPercent: report.thresholdPercent,
      successRate: e.successRate,
      attempts: e.attempts,
      successes: e.successes,
      lastError: e.lastError?.message ?? null,
      at: report.until
    }))
}

export const createHealthSlice: SliceCreator<HealthSlice> = (set, get) => {
  const patch = nestedSetter(set, 'health')
  const reportRead = serverResource()
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  return {
    health: {
      window: '1h',
      report: null,
      alerts: [],
      bannerDismissed: false,

      async load(window = get().health.window) {
        patch({ window })
        await reportRead.load(() => call('endpoints.health', { window }), {
          data: (report) => patch({ report }),
          error: (err) => get().app.reportError(err, 'Loading delivery health')
        })
      },

      refreshSoon() {
        if (refreshTimer || !get().health.report) return
        refreshTimer = setTimeout(() => {
          refreshTimer = null
          void get().health.load()
        }, REFRESH_MS[get().health.window])
      },

      async loadAlerts() {
        try {
          const settings = await call('settings.get', {})
          if (settings.healthAlertThresholdPercent === 0) return
          const report = await call('endpoints.health', { window: settings.healthAlertWindow })
          // Events that arrived meanwhile are newer: keep them, add only endpoints they do not mention.
          patch((s) => {
            const known = new Set(s.alerts.map((a) => a.endpointId))
            return { alerts: [...s.alerts, ...alertsOf(report).filter((a) => !known.has(a.endpointId))] }
          })
        } catch (err) {
          get().app.reportError(err, 'Loading delivery health alerts')
        }
      },

      applyAlerts(incoming) {
        if (incoming.length === 0) return
        patch((s) => {
          const byEndpoint = new Map(s.alerts.map((a) => [a.endpointId, a]))
          let fell = false
          for (const a of incoming) {
            if (a.state === 'below') {
              byEndpoint.set(a.endpointId, a)
              fell = true
            } else byEndpoint.delete(a.endpointId)
          }
          return { alerts: [...byEndpoint.values()], bannerDismissed: fell ? false : s.bannerDismissed }
        })
        get().health.refreshSoon()
      },

      dismissBanner() {
        patch({ bannerDismissed: true })
      }
    }
  }
}
