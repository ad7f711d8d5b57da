/**
 * The health alert: `health.alert` fires once when an endpoint's success rate crosses below
 * the user's threshold, not on every failed attempt, and once more when it recovers. Real
 * deliveries to a real local sink whose answers the test switches between 200 and 500.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createAlertMonitor } from '../../../src/core/health/alert-monitor'
import { createHealthQuery } from '../../../src/core/health/health-query'
import { methods } from '../../../src/shared/contract'
import { EndpointInput } from '../../../src/shared/models'
import type { HealthAlert } from '../../../src/shared/health-models'
import { eventsOf, openHarness, startServer, waitFor, type Harness } from '../sender/harness'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const BODY = JSON.stringify({ event: 'submission.rejected', timestamp: '2026-01-01T00:00:00.000Z', data: {}, tenantId: 'tenant_1' })

async function setup(thresholdPercent: number) {
  const h: Harness = await openHarness({ retryScheduleMs: [] })
  cleanups.push(() => h.close())
  await h.settings.update({ healthAlertThresholdPercent: thresholdPercent, healthAlertWindow: '1h' })
  const sink = { status: 200 }
  const server = await startServer((_req, _i, res) => {
    res.writeHead(sink.status)
    res.end()
  })
  cleanups.push(() => server.close())
  const endpoint = await h.sender.endpoints.create(EndpointInput.parse({ name: 'Orders API', url: `${server.url}/hooks`, allowLocalHttp: true }))
  const send = async (status: number, times = 1): Promise<void> => {
    sink.status = status
    for (let i = 0; i < times; i++) {
      await h.sender.send.event(methods['send.event'].input.parse({ event: 'submission.rejected', body: BODY, endpointIds: [endpoint.id], origin: 'test' }))
    }
  }
  return { h, endpoint, send }
}

describe('health alert', () => {
  it('fires once per crossing below the threshold, once on recovery, and again on the next crossing', async () => {
    const { h, endpoint, send } = await setup(75)
    // Timers far away: only the explicit checks below run, so each step's result is exact.
    const monitor = createAlertMonitor({ query: createHealthQuery(h.db), bus: h.bus, settings: h.settings, recheckDelayMs: 3_600_000, sweepIntervalMs: 3_600_000 })
    monitor.start()
    cleanups.push(() => monitor.stop())

    await send(200, 3)
    expect(monitor.check()).toEqual([])
    await send(500) // 3/4 = 75%: at the threshold, not below it
    expect(monitor.check()).toEqual([])
    await send(500) // 3/5 = 60%: crosses below
    const [below] = monitor.check()
    expect(below).toMatchObject({
      state: 'below',
      endpointId: endpoint.id,
      endpointName: 'Orders API',
      window: '1h',
      thresholdPercent: 75,
      attempts: 5,
      successes: 3,
      successRate: 0.6,
      lastError: 'HTTP 500 Internal Server Error: not 2xx, so the delivery counts as failed'
    })
    for (let i = 0; i < 3; i++) {
      await send(500) // still below: no new alert however many attempts fail
      expect(monitor.check()).toEqual([])
    }

    // The user lowers the threshold under the rate (3/8 = 37.5%): recovered.
    await h.settings.update({ healthAlertThresholdPercent: 30 })
    expect(monitor.check()).toMatchObject([{ state: 'recovered', endpointId: endpoint.id, successRate: 0.375, thresholdPercent: 30 }])
    await send(500) // 3/9 = 33%: still above 30
    expect(monitor.check()).toEqual([])
    await send(500) // 3/10 = 30%: at it
    expect(monitor.check()).toEqual([])
    await send(500) // 3/11 = 27%: below again, a second crossing
    expect(monitor.check()).toMatchObject([{ state: 'below', attempts: 11, successes: 3 }])

    // Alerts turned off (0): the open alert is closed, and nothing fires any more.
    await h.settings.update({ healthAlertThresholdPercent: 0 })
    expect(monitor.check()).toMatchObject([{ state: 'recovered', thresholdPercent: 0 }])
    await send(500, 2)
    expect(monitor.check()).toEqual([])

    expect(eventsOf(h, 'health.alert').map((a) => a.state)).toEqual(['below', 'recovered', 'below', 'recovered'])
  })

  it('learns the state at start silently: an endpoint already failing before start is not a new crossing', async () => {
    const { h, send } = await setup(90)
    await send(500, 2)
    const monitor = createAlertMonitor({ query: createHealthQuery(h.db), bus: h.bus, settings: h.settings, recheckDelayMs: 3_600_000, sweepIntervalMs: 3_600_000 })
    monitor.start()
    cleanups.push(() => monitor.stop())
    await send(500)
    expect(monitor.check()).toEqual([])
    expect(eventsOf(h, 'health.alert')).toEqual([])
  })

  it('checks by itself after attempts finish: a burst of failures raises exactly one alert', async () => {
    const { h, endpoint, send } = await setup(90)
    const monitor = createAlertMonitor({ query: createHealthQuery(h.db), bus: h.bus, settings: h.settings, recheckDelayMs: 20 })
    monitor.start()
    cleanups.push(() => monitor.stop())
    await send(200)
    await send(500, 6)
    const alerts = await waitFor('the health alert', () => {
      const seen = eventsOf(h, 'health.alert')
      return seen.length > 0 ? seen : undefined
    })
    // Every attempt above has finished and been followed by a check; later checks add nothing.
    await new Promise((r) => setTimeout(r, 100))
    expect(monitor.check()).toEqual([])
    expect(eventsOf(h, 'health.alert')).toEqual(alerts)
    expect(alerts).toHaveLength(1)
    expect(alerts[0] as HealthAlert).toMatchObject({ state: 'below', endpointId: endpoint.id })
  })
})
