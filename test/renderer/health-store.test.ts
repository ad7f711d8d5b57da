/**
 * The health slice against a real engine (in-process Workbench behind the dispatcher,
 * delivering to a real local HTTP server): the report for a window, the banner's alerts
 * read at start, and the banner kept by pushed `health.alert` events.
 */
import { describe, expect, it } from 'vitest'
import type { HealthAlert } from '../../src/shared/health-models'
import { engine, useStoreWithEngine, useWorkbench } from './store-with-engine'

useStoreWithEngine()

const s = () => useWorkbench.getState()

describe('health slice', () => {
  it('loads the report for a window and the banner alerts of endpoints already below the threshold', async () => {
    await engine.bridge.call('credentials.create', {})
    await engine.bridge.call('settings.update', { retryScheduleMs: [600_000], healthAlertThresholdPercent: 90 })
    const endpoint = await engine.bridge.call('endpoints.create', { name: 'Orders API', url: engine.targetUrl, allowLocalHttp: true })
    engine.setTargetStatus(200)
    await engine.bridge.call('send.event', { event: 'submission.created', body: '{}', endpointIds: [endpoint.id] })
    engine.setTargetStatus(503)
    await engine.bridge.call('send.event', { event: 'submission.created', body: '{}', endpointIds: [endpoint.id] })

    await s().health.load('24h')
    expect(s().health.window).toBe('24h')
    expect(s().health.report?.endpoints).toMatchObject([{ endpointId: endpoint.id, attempts: 2, successes: 1, successRate: 0.5, belowThreshold: true }])

    await s().health.loadAlerts()
    expect(s().health.alerts).toMatchObject([
      { state: 'below', endpointId: endpoint.id, window: '1h', thresholdPercent: 90, successRate: 0.5, attempts: 2, lastError: expect.stringMatching(/^HTTP 503/) }
    ])
  })

  it('keeps the banner from pushed alerts: below adds and shows it again, recovered removes', () => {
    const alert = (endpointId: string, state: HealthAlert['state']): HealthAlert => ({
      state,
      endpointId,
      endpointName: endpointId,
      url: 'https://x.example/hooks',
      window: '1h',
      thresholdPercent: 90,
      successRate: 0.5,
      attempts: 2,
      successes: 1,
      lastError: null,
      at: '2026-01-01T00:00:00.000Z'
    })
    s().health.applyAlerts([alert('ep_a', 'below'), alert('ep_b', 'below')])
    expect(s().health.alerts.map((a) => a.endpointId)).toEqual(['ep_a', 'ep_b'])
    s().health.dismissBanner()
    s().health.applyAlerts([alert('ep_a', 'recovered')])
    expect(s().health.alerts.map((a) => a.endpointId)).toEqual(['ep_b'])
    expect(s().health.bannerDismissed).toBe(true)
    s().health.applyAlerts([alert('ep_a', 'below')])
    expect(s().health.alerts.map((a) => a.endpointId)).toEqual(['ep_b', 'ep_a'])
    expect(s().health.bannerDismissed).toBe(false)
  })
})
