/**
 * Delivery health: the docs' "monitor webhook success rates, set up alerts for failures".
 * `endpoints.health` reads the numbers (health-query.ts); the alert monitor pushes
 * `health.alert` when an endpoint's rate crosses the user's threshold (alert-monitor.ts).
 */
import type { Settings } from '../../shared/models'
import type { MethodOutput, MethodParsedInput } from '../../shared/contract'
import type { EventBus } from '../event-bus'
import type { Db } from '../store/database'
import { createAlertMonitor, type AlertMonitor } from './alert-monitor'
import { createHealthQuery } from './health-query'

export { WINDOW_SPECS, isBelow } from './health-query'

export interface HealthService {
  /** The contract's `endpoints.health`. */
  report(input: MethodParsedInput<'endpoints.health'>): Promise<MethodOutput<'endpoints.health'>>
  monitor: AlertMonitor
}

export function createHealthService(deps: { db: Db; bus: EventBus; settings: { current(): Settings } }): HealthService {
  const query = createHealthQuery(deps.db)
  return {
    async report({ window }) {
      return query.report(window, deps.settings.current().healthAlertThresholdPercent)
    },
    monitor: createAlertMonitor({ query, bus: deps.bus, settings: deps.settings })
  }
}
