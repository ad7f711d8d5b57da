import { describe, expect, it } from 'vitest'
import { buildHash, parseHash } from '../../src/renderer/src/app/route-parse'
import { emptyQueue, enqueue, MAX_QUEUED_CAPTURES } from '../../src/renderer/src/store/live-queue'
import type { CaptureSummary } from '../../src/shared/models'

describe('hash routes', () => {
  it('parses screens, ids and queries', () => {
    expect(parseHash('#/inbox')).toEqual({ screen: 'inbox', param: null, query: {} })
    expect(parseHash('#/inbox/cap_123')).toEqual({ screen: 'inbox', param: 'cap_123', query: {} })
    expect(parseHash('#/compose?endpoint=end_1')).toEqual({ screen: 'compose', param: null, query: { endpoint: 'end_1' } })
    expect(parseHash('#/deliveries/del%2F1')).toEqual({ screen: 'deliveries', param: 'del/1', query: {} })
  })

  it('lands unknown or empty hashes on the inbox', () => {
    expect(parseHash('').screen).toBe('inbox')
    expect(parseHash('#/nope/x').screen).toBe('inbox')
    expect(parseHash('#/nope/x').param).toBeNull()
    expect(parseHash('#/inbox/%E0%A4%A').param).toBe('%E0%A4%A')
  })

  it('builds hashes that parse back to the same route', () => {
    const h = buildHash('compose', null, { endpoint: 'end 1' })
    expect(parseHash(h)).toEqual({ screen: 'compose', param: null, query: { endpoint: 'end 1' } })
    expect(parseHash(buildHash('inbox', 'a/b?c'))).toEqual({ screen: 'inbox', param: 'a/b?c', query: {} })
  })
})

describe('live event queue', () => {
  const cap = (seq: number) => ({ id: `c${seq}`, seq }) as unknown as CaptureSummary

  it('groups a burst by kind and keeps the last settings', () => {
    const q = emptyQueue()
    for (let i = 0; i < 1000; i++) enqueue(q, 'capture.received', cap(i))
    enqueue(q, 'listeners.changed', {})
    enqueue(q, 'settings.changed', { theme: 'dark', notifications: true, retryScheduleMs: [], healthAlertThresholdPercent: 90, healthAlertWindow: '1h', platformAutoStart: false, platformPort: 8787, retention: { keepLast: null, keepDays: null } })
    enqueue(q, 'settings.changed', { theme: 'light', notifications: true, retryScheduleMs: [], healthAlertThresholdPercent: 90, healthAlertWindow: '1h', platformAutoStart: false, platformPort: 8787, retention: { keepLast: null, keepDays: null } })
    expect(q.captures).toHaveLength(1000)
    expect(q.listenersChanged).toBe(true)
    expect(q.settings?.theme).toBe('light')
  })

  it('bounds the captures kept while no frame drains the queue, dropping the oldest', () => {
    const q = emptyQueue()
    for (let i = 0; i < MAX_QUEUED_CAPTURES + 5; i++) enqueue(q, 'capture.received', cap(i))
    expect(q.captures).toHaveLength(MAX_QUEUED_CAPTURES)
    expect(q.captures[0].seq).toBe(5)
  })
})
