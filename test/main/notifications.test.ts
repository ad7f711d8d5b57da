import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src/core/event-bus'
import { alertFor, cleanText, startNotifier, type NotificationSpec } from '../../src/main/notifications'
import { captureSummary, delivery } from './fixtures'

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
