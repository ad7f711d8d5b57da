import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../src/shared/models'
import {
  EMPTY_DELIVERY_FILTERS,
  base64ToText,
  failureHint,
  formatCountdown,
  matchesDeliveryFilters,
  mergeDeliveries,
  statusLabel,
  statusTone,
  toDeliveryFilter
} from '../../src/renderer/src/features/deliveries/delivery-logic'

function delivery(id: string, patch: Partial<Delivery> = {}): Delivery {
  return {
    id,
    messageId: `msg_${id}`,
    endpointId: 'ep_1',
    endpointName: 'Staging',
    url: 'https://api.example.com/hooks',
    event: 'submission.completed',
    status: 'pending',
    attemptCount: 0,
    maxAttempts: 5,
    lastResponseCode: null,
    lastResponse: null,
    lastError: null,
    nextAttemptAt: null,
    createdAt: `2026-01-01T00:00:0${id.slice(-1)}Z`,
    updatedAt: '2026-01-01T00:00:00Z',
    origin: { kind: 'compose', id: null },
    ...patch
  }
}

describe('delivery list rules', () => {
  it('builds the contract filter from the toolbar', () => {
    expect(toDeliveryFilter(EMPTY_DELIVERY_FILTERS)).toEqual({ limit: 2000 })
    expect(toDeliveryFilter({ status: 'error', event: 'aml.match.found', endpointId: 'ep_2', q: '  500 ' })).toEqual({
      limit: 2000,
      status: 'error',
      event: 'aml.match.found',
      endpointId: 'ep_2',
      q: '500'
    })
  })

  it('matches status, event, endpoint and text', () => {
    const d = delivery('d1', { status: 'error', lastResponseCode: 503, lastResponse: 'Service Unavailable' })
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, status: 'error' })).toBe(true)
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, status: 'success' })).toBe(false)
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, endpointId: 'ep_9' })).toBe(false)
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, q: 'unavailable' })).toBe(true)
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, q: '503' })).toBe(true)
    expect(matchesDeliveryFilters(d, { ...EMPTY_DELIVERY_FILTERS, q: 'nope' })).toBe(false)
  })

  it('merges live updates: replace in place, add new newest-first, drop rows that stop matching', () => {
    const items = [delivery('d2'), delivery('d1')]
    const same = mergeDeliveries(items, [], EMPTY_DELIVERY_FILTERS)
    expect(same.items).toBe(items)

    const updated = mergeDeliveries(items, [delivery('d1', { status: 'success' }), delivery('d3')], EMPTY_DELIVERY_FILTERS)
    expect(updated.items.map((d) => [d.id, d.status])).toEqual([
      ['d3', 'pending'],
      ['d2', 'pending'],
      ['d1', 'success']
    ])
    expect(updated.added).toBe(1)

    const pendingOnly = { ...EMPTY_DELIVERY_FILTERS, status: 'pending' as const }
    const dropped = mergeDeliveries(items, [delivery('d2', { status: 'error' })], pendingOnly)
    expect(dropped.items.map((d) => d.id)).toEqual(['d1'])
    expect(dropped.removed).toBe(1)

    const ignored = mergeDeliveries(items, [delivery('d4', { status: 'error' })], pendingOnly)
    expect(ignored.items).toBe(items)
  })

  it('keeps the last update of a delivery within one batch', () => {
    const items = [delivery('d1')]
    const out = mergeDeliveries(items, [delivery('d1', { attemptCount: 1 }), delivery('d1', { attemptCount: 2, status: 'error' })], EMPTY_DELIVERY_FILTERS)
    expect(out.items).toHaveLength(1)
    expect(out.items[0]).toMatchObject({ attemptCount: 2, status: 'error' })
  })
})

describe('failure hints', () => {
  it("gives the docs' advice per failure", () => {
    expect(failureHint(401, null)?.steps).toContain('Check API credentials')
    expect(failureHint(404, null)?.steps).toContain('Ensure HTTPS is used')
    expect(failureHint(502, null)?.steps).toContain('Check server logs')
    expect(failureHint(null, 'timeout after 10000 ms')?.title).toBe('Timeout')
    expect(failureHint(null, 'ECONNREFUSED: nothing listens on 127.0.0.1:3000')?.title).toBe('Connection refused')
    expect(failureHint(null, 'self-signed certificate in certificate chain')?.title).toBe('TLS problem')
    expect(failureHint(200, null)).toBeNull()
  })
})

describe('formatting', () => {
  it('names the paused and cancelled statuses, and filters on them', () => {
    expect(statusLabel('paused')).toBe('Paused')
    expect(statusLabel('cancelled')).toBe('Cancelled')
    expect(statusLabel('pending')).toBe('Pending')
    expect(toDeliveryFilter({ ...EMPTY_DELIVERY_FILTERS, status: 'cancelled' })).toMatchObject({ status: 'cancelled' })
    expect(matchesDeliveryFilters(delivery('d1', { status: 'paused' }), { ...EMPTY_DELIVERY_FILTERS, status: 'paused' })).toBe(true)
  })

  it('tones status codes', () => {
    expect(statusTone(204)).toBe('ok')
    expect(statusTone(404)).toBe('warn')
    expect(statusTone(500)).toBe('bad')
    expect(statusTone(null)).toBe('neutral')
  })

  it('counts down to the next retry', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(formatCountdown('2026-01-01T00:00:12Z', now)).toBe('in 12 s')
    expect(formatCountdown('2026-01-01T00:04:05Z', now)).toBe('in 4 min 05 s')
    expect(formatCountdown('2026-01-01T02:10:00Z', now)).toBe('in 2 h 10 min')
    expect(formatCountdown('2025-12-31T23:59:00Z', now)).toBe('due now')
    expect(formatCountdown('garbage', now)).toBe('')
  })

  it('decodes base64 bodies as text', () => {
    expect(base64ToText(btoa('{"ok":true}'))).toBe('{"ok":true}')
    expect(base64ToText('%%%')).toBe('')
  })
})
