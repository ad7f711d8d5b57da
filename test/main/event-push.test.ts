import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src/core/event-bus'
import { createEventBatcher } from '../../src/shared/event-batcher'
import { connectEventPush, type EventTarget } from '../../src/main/ipc'
import { IPC_EVENT, UI_NAVIGATE, type PushedEvent } from '../../src/shared/ipc-channels'
import { captureSummary } from './fixtures'

/** A window's webContents as far as the push sees it: records what is sent. */
class RecordingTarget implements EventTarget {
  sent: { channel: string; batch: PushedEvent[] }[] = []
  destroyed = false
  send(channel: string, batch: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    // What Electron's IPC does with the arguments: throws on what cannot be cloned.
    this.sent.push({ channel, batch: structuredClone(batch) as PushedEvent[] })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createEventBatcher', () => {
  it('sends everything pushed within one interval as one batch, in order', () => {
    const batches: number[][] = []
    const batcher = createEventBatcher<number>((b) => batches.push(b), { intervalMs: 50 })
    for (let i = 0; i < 300; i++) batcher.push(i)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(50)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toEqual(Array.from({ length: 300 }, (_, i) => i))
    batcher.push(300)
    vi.advanceTimersByTime(50)
    expect(batches).toEqual([batches[0], [300]])
  })

  it('flushes early when a batch reaches maxBatch, and sends nothing when idle', () => {
    const batches: number[][] = []
    const batcher = createEventBatcher<number>((b) => batches.push(b), { intervalMs: 50, maxBatch: 100 })
    for (let i = 0; i < 250; i++) batcher.push(i)
    expect(batches.map((b) => b.length)).toEqual([100, 100])
    vi.advanceTimersByTime(50)
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50])
    vi.advanceTimersByTime(1000)
    expect(batches).toHaveLength(3)
  })

  it('drops the queue on dispose', () => {
    const batches: number[][] = []
    const batcher = createEventBatcher<number>((b) => batches.push(b))
    batcher.push(1)
    batcher.dispose()
    batcher.push(2)
    vi.advanceTimersByTime(1000)
    expect(batches).toEqual([])
  })
})

describe('connectEventPush', () => {
  it('turns a burst of bus events into one workbench:event message', () => {
    const bus = new EventBus()
    const target = new RecordingTarget()
    const push = connectEventPush({ bus, target })
    for (let i = 1; i <= 500; i++) bus.emit('capture.received', captureSummary({ id: `cap_${i}`, seq: i }))
    bus.emit('listeners.changed', {})
    expect(target.sent).toHaveLength(0)
    vi.advanceTimersByTime(50)
    expect(target.sent).toHaveLength(1)
    const [{ channel, batch }] = target.sent
    expect(channel).toBe(IPC_EVENT)
    expect(batch).toHaveLength(501)
    expect(batch[0]).toEqual({ event: 'capture.received', payload: captureSummary({ id: 'cap_1', seq: 1 }) })
    expect(batch[499].event).toBe('capture.received')
    expect((batch[499].payload as { seq: number }).seq).toBe(500)
    expect(batch[500]).toEqual({ event: 'listeners.changed', payload: {} })
    push.dispose()
  })

  it('sends a menu navigation at once, after the events queued before it', () => {
    const bus = new EventBus()
    const target = new RecordingTarget()
    const push = connectEventPush({ bus, target })
    bus.emit('endpoints.changed', {})
    push.navigate('deliveries')
    expect(target.sent).toHaveLength(1)
    expect(target.sent[0].batch).toEqual([
      { event: 'endpoints.changed', payload: {} },
      { event: UI_NAVIGATE, payload: { screen: 'deliveries' } }
    ])
    push.dispose()
  })

  it('stops listening once the window is destroyed, and never throws into the bus', () => {
    const bus = new EventBus()
    const target = new RecordingTarget()
    connectEventPush({ bus, target })
    target.destroyed = true
    bus.emit('listeners.changed', {})
    vi.advanceTimersByTime(50)
    expect(target.sent).toHaveLength(0)
    // Unsubscribed: later events are not even queued.
    expect(() => bus.emit('listeners.changed', {})).not.toThrow()
    vi.advanceTimersByTime(50)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('delivers the rest of a batch when one payload cannot cross IPC', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const bus = new EventBus()
    const target = new RecordingTarget()
    const push = connectEventPush({ bus, target })
    bus.emit('listeners.changed', {})
    bus.emit('endpoints.changed', { oops: () => {} } as unknown as Record<string, never>)
    bus.emit('credentials.changed', {})
    vi.advanceTimersByTime(50)
    expect(target.sent.map((s) => s.batch.map((i) => i.event))).toEqual([['listeners.changed'], ['credentials.changed']])
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped 1 event'))
    warn.mockRestore()
    push.dispose()
  })

  it('stops after dispose', () => {
    const bus = new EventBus()
    const target = new RecordingTarget()
    const push = connectEventPush({ bus, target })
    push.dispose()
    bus.emit('listeners.changed', {})
    vi.advanceTimersByTime(100)
    expect(target.sent).toHaveLength(0)
  })
})
