/**
 * The one subscription to the engine's pushed events. Events are queued and applied to the
 * store in batches (at most a few times a second, on an animation frame), so a burst of
 * 1000 captures/s costs a handful of store updates, not 1000 re-renders.
 * To route a new event: add it to `LiveQueue`, `enqueue` and `flush` below.
 */
import type { EventKey, EventPayload } from '../../../shared/contract'
import { subscribe } from '../api/client'
import { useWorkbench } from './index'

/** Events waiting for the next flush, grouped by kind. */
export interface LiveQueue {
  captures: EventPayload<'capture.received'>[]
  deletions: EventPayload<'captures.deleted'>[]
  listenerStates: EventPayload<'listener.state'>[]
  listenersChanged: boolean
  credentialsChanged: boolean
  settings: EventPayload<'settings.changed'> | null
  deliveries: EventPayload<'delivery.updated'>[]
  attempts: EventPayload<'attempt.finished'>[]
  endpointsChanged: boolean
}

export function emptyQueue(): LiveQueue {
  return {
    captures: [],
    deletions: [],
    listenerStates: [],
    listenersChanged: false,
    credentialsChanged: false,
    settings: null,
    deliveries: [],
    attempts: [],
    endpointsChanged: false
  }
}

/** A cap so a hidden window (no animation frames) cannot grow the queue without bound. */
export const MAX_QUEUED_CAPTURES = 20_000

/** Adds one event to the queue (pure, so it is unit-tested). */
export function enqueue<E extends EventKey>(q: LiveQueue, event: E, payload: EventPayload<E>): void {
  switch (event) {
    case 'capture.received':
      q.captures.push(payload as EventPayload<'capture.received'>)
      if (q.captures.length > MAX_QUEUED_CAPTURES) q.captures.splice(0, q.captures.length - MAX_QUEUED_CAPTURES)
      break
    case 'captures.deleted':
      q.deletions.push(payload as EventPayload<'captures.deleted'>)
      break
    case 'listener.state':
      q.listenerStates.push(payload as EventPayload<'listener.state'>)
      break
    case 'listeners.changed':
      q.listenersChanged = true
      break
    case 'credentials.changed':
      q.credentialsChanged = true
      break
    case 'settings.changed':
      q.settings = payload as EventPayload<'settings.changed'>
      break
    case 'delivery.updated':
      q.deliveries.push(payload as EventPayload<'delivery.updated'>)
      break
    case 'attempt.finished':
      q.attempts.push(payload as EventPayload<'attempt.finished'>)
      break
    case 'endpoints.changed':
      q.endpointsChanged = true
      break
  }
}

/** Applies one batch to the slices. */
function flush(q: LiveQueue): void {
  const s = useWorkbench.getState()
  if (q.captures.length > 0 || q.deletions.length > 0) s.inbox.applyLive(q.captures, q.deletions)
  // A state is newer than a full reload only if it arrived after it; reload first, then states.
  if (q.listenersChanged) void s.listeners.load()
  else if (q.listenerStates.length > 0) s.listeners.applyStates(q.listenerStates)
  if (q.credentialsChanged) void s.settings.loadCredentials()
  if (q.settings) s.settings.applyRemote(q.settings)
  if (q.endpointsChanged) void s.endpoints.load()
  if (q.deliveries.length > 0 || q.attempts.length > 0) {
    s.deliveries.applyLive(q.deliveries, q.attempts)
    s.compose.applyDeliveries(q.deliveries)
    s.endpoints.applyDeliveries(q.deliveries)
  }
}

const ALL_EVENTS: EventKey[] = [
  'capture.received',
  'captures.deleted',
  'delivery.updated',
  'attempt.finished',
  'listener.state',
  'listeners.changed',
  'endpoints.changed',
  'credentials.changed',
  'settings.changed'
]

/** Throttle: collect for this long, then apply on the next animation frame. */
const FLUSH_INTERVAL_MS = 200

/** Subscribes once to every pushed event; returns the unsubscribe. */
export function startLiveEvents(): () => void {
  let queue = emptyQueue()
  let scheduled = false

  const run = () => {
    scheduled = false
    const batch = queue
    queue = emptyQueue()
    flush(batch)
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setTimeout(() => {
      // Hidden windows get no animation frames; apply directly so the queue drains.
      if (document.hidden) run()
      else requestAnimationFrame(run)
    }, FLUSH_INTERVAL_MS)
  }

  const unsubscribers = ALL_EVENTS.map((event) =>
    subscribe(event, (payload) => {
      enqueue(queue, event, payload)
      schedule()
    })
  )
  return () => unsubscribers.forEach((u) => u())
}
