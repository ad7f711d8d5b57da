import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src/core/event-bus'
import { alertFor, cleanText, startNotifier, type NotificationSpec } from '../../src/main/notifications'
import { captureSummary, delivery, healthAlert } from './fixtures'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function setup(options: { enabled?: () => boolean; suppress?: () => boolean } = {}) {
  const bus = new EventBus()
  const shown: NotificationSpec[] = []
  const stop = startNotifier({
    bus,
    isEnabled: options.enabled ?? (() => true),
    suppress: options.suppress,
    show: (spec) => shown.push(spec),
    gatherMs: 1_000,
    minIntervalMs: 30_000,
    now: () => Date.now(),
    escapeMarkup: true
  })
  return { bus, shown, stop }
}

describe('alertFor', () => {
  it('raises alerts only for invalid signatures and failed deliveries', () => {
    expect(alertFor('capture.received', captureSummary({ signature: 'invalid' }), false)).toEqual({
      kind: 'invalid-signature',
      text: 'submission.completed: POST /webhooks/smart-kyc'
    })
    expect(alertFor('capture.received', captureSummary({ signature: 'valid' }))).toBeNull()
    expect(alertFor('capture.received', captureSummary({ signature: 'missing' }))).toBeNull()
    expect(alertFor('delivery.updated', delivery({ status: 'error', lastResponseCode: 500 }), false)).toEqual({
      kind: 'delivery-error',
      text: 'submission.approved to Staging API: HTTP 500'
    })
    expect(alertFor('delivery.updated', delivery({ status: 'error', lastResponseCode: null, lastError: 'ECONNREFUSED' }), false)?.text).toBe(
      'submission.approved to Staging API: ECONNREFUSED'
    )
    expect(alertFor('delivery.updated', delivery({ status: 'pending' }))).toBeNull()
    expect(alertFor('listeners.changed', {})).toBeNull()
  })

  it('raises an alert when an endpoint falls below the success threshold, not when it recovers', () => {
    expect(alertFor('health.alert', healthAlert(), false)).toEqual({
      kind: 'unhealthy-endpoint',
      text: 'Orders API: 60% of 5 attempts succeeded in the last 1h (threshold 90%)'
    })
    expect(alertFor('health.alert', healthAlert({ state: 'recovered', successRate: 1 }))).toBeNull()
    expect(alertFor('health.alert', healthAlert({ endpointName: '<img src=x>', successRate: 2 / 3 }), true)?.text).toBe(
      '&lt;img src=x&gt;: 66.7% of 5 attempts succeeded in the last 1h (threshold 90%)'
    )
  })

  it('cleans hostile captured text: markup, control characters, length', () => {
    const hostile = captureSummary({ signature: 'invalid', event: '<b>x</b>&amp;', path: '/a\u0000\nb' + 'z'.repeat(500) })
    const text = alertFor('capture.received', hostile, true)!.text
    expect(text).not.toMatch(/[<>]/)
    expect(text).toContain('&lt;b&gt;x&lt;/b&gt;&amp;amp;')
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u001f]/)
    expect(cleanText('y'.repeat(500), false)).toHaveLength(120)
  })
})

describe('startNotifier', () => {
  it('shows one notification for a burst', async () => {
    const { bus, shown, stop } = setup()
    for (let i = 0; i < 200; i++) bus.emit('capture.received', captureSummary({ id: `cap_${i}`, signature: 'invalid' }))
    bus.emit('delivery.updated', delivery({ status: 'error' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(shown).toEqual([{ title: '201 webhooks need attention', body: '200 invalid signatures, 1 failed delivery', screen: 'inbox' }])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(shown).toHaveLength(1)
    stop()
  })

  it('keeps the details of a single alert and opens the matching screen', async () => {
    const { bus, shown, stop } = setup()
    bus.emit('delivery.updated', delivery({ status: 'error', lastResponseCode: 401 }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(shown).toEqual([{ title: 'Webhook delivery failed', body: 'submission.approved to Staging API: HTTP 401', screen: 'deliveries' }])
    stop()
  })

  it('notifies once per health alert and opens Endpoints; a recovery shows nothing', async () => {
    const { bus, shown, stop } = setup()
    bus.emit('health.alert', healthAlert())
    await vi.advanceTimersByTimeAsync(1_000)
    expect(shown).toEqual([
      {
        title: 'Webhook success rate below your threshold',
        body: 'Orders API: 60% of 5 attempts succeeded in the last 1h (threshold 90%)',
        screen: 'endpoints'
      }
    ])
    bus.emit('health.alert', healthAlert({ state: 'recovered', successRate: 0.95 }))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(shown).toHaveLength(1)
    stop()
  })

  it('sums up unhealthy endpoints with other alerts of the same burst', async () => {
    const { bus, shown, stop } = setup()
    bus.emit('health.alert', healthAlert({ endpointId: 'ep_1' }))
    bus.emit('health.alert', healthAlert({ endpointId: 'ep_2', endpointName: 'Billing' }))
    await vi.advanceTimersByTimeAsync(1_000)
    bus.emit('delivery.updated', delivery({ status: 'error' }))
    bus.emit('health.alert', healthAlert({ endpointId: 'ep_3' }))
    await vi.advanceTimersByTimeAsync(30_000)
    expect(shown).toEqual([
      { title: '2 endpoints need attention', body: '2 endpoints below their success threshold', screen: 'endpoints' },
      { title: 'Webhooks need attention', body: '1 failed delivery, 1 endpoint below its success threshold', screen: 'deliveries' }
    ])
    stop()
  })

  it('spaces notifications: alerts soon after one are summed up into the next, not shown one by one', async () => {
    const { bus, shown, stop } = setup()
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(shown).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(5_000)
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(shown).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(shown).toHaveLength(2)
    expect(shown[1].body).toBe('2 invalid signatures')
    stop()
  })

  it('shows nothing while the notifications setting is off, and again once it is on', async () => {
    let enabled = false
    const { bus, shown, stop } = setup({ enabled: () => enabled })
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(shown).toEqual([])
    enabled = true
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(shown).toHaveLength(1)
    stop()
  })

  it('stays quiet while suppressed (window focused) and when the setting cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const focused = setup({ suppress: () => true })
    focused.bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(focused.shown).toEqual([])
    focused.stop()

    const broken = setup({
      enabled: () => {
        throw new Error('database is closed')
      }
    })
    broken.bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(broken.shown).toEqual([])
    broken.stop()
    warn.mockRestore()
  })

  it('stops listening when stopped', async () => {
    const { bus, shown, stop } = setup()
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    stop()
    bus.emit('capture.received', captureSummary({ signature: 'invalid' }))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(shown).toEqual([])
  })
})
