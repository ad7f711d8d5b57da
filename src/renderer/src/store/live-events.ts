/**
 * The one subscription to the engine's pushed events. Events are queued and applied to the
 * store in batches (at most a few times a second, on an animation frame), so a burst of
 * 1000 captures/s costs a handful of store updates, not 1000 re-renders.
 * To route a new event: add it to `LiveQueue` and `enqueue` (live-queue.ts) and to `flush` below.
 */
import type { EventKey, EventPayload } from '../../../shared/contract'
import { createEventBatcher } from '../../../shared/event-batcher'
import type { PushedEvent } from '../../../shared/ipc-channels'
import { PUSHED_EVENTS } from '../../../shared/pushed-events'
import { subscribe } from '../api/client'
import { useWorkbench } from './index'
import { emptyQueue, enqueue, type LiveQueue } from './live-queue'

/** Applies one batch to the slices. */
function flush(q: LiveQueue): void {
  const s = useWorkbench.getState()
  if (q.captures.length > 0 || q.deletions.length > 0) s.inbox.applyLive(q.captures, q.deletions)
  if (q.updatedCaptures.size > 0) s.inbox.applyUpdates([...q.updatedCaptures.values()])
  // A state is newer than a full reload only if it arrived after it; reload first, then states.
  if (q.listenersChanged) void s.listeners.load()
  else if (q.listenerStates.length > 0) s.listeners.applyStates(q.listenerStates)
  if (q.credentialsChanged) void s.settings.loadCredentials()
  if (q.settings) {
    s.settings.applyRemote(q.settings)
    // The report marks endpoints below the alert threshold, which is a setting.
    s.health.refreshSoon()
  }
  if (q.endpointsChanged) {
    void s.endpoints.load()
    s.health.refreshSoon()
  }
  if (q.deliveries.length > 0 || q.attempts.length > 0) {
    s.deliveries.applyLive(q.deliveries, q.attempts)
    s.compose.applyDeliveries(q.deliveries)
    s.endpoints.applyDeliveries(q.deliveries)
    s.health.refreshSoon()
  }
  if (q.healthAlerts.length > 0) s.health.applyAlerts(q.healthAlerts)
  if (q.platformStatus) s.platform.applyStatus(q.platformStatus)
  if (q.platformRequests.length > 0) s.platform.applyRequests(q.platformRequests)
  if (q.platformChanged) void s.platform.loadState()
}

// The contract's pushed events by name only: the schemas (zod) stay out of the first paint.
const ALL_EVENTS: readonly EventKey[] = PUSHED_EVENTS

/** Throttle: collect for this long, then apply on the next animation frame. */
const FLUSH_INTERVAL_MS = 200

/** Subscribes once to every pushed event; returns the unsubscribe. */
export function startLiveEvents(): () => void {
  // Batches from the shared batcher pile into one queue until the next frame applies it,
  // so a batch that lands while a frame is pending joins it instead of overtaking it.
  let pending = emptyQueue()
  let frameRequested = false

  const apply = () => {
    frameRequested = false
    const q = pending
    pending = emptyQueue()
    flush(q)
  }
  const batcher = createEventBatcher<PushedEvent>(
    (batch) => {
      for (const { event, payload } of batch) enqueue(pending, event as EventKey, payload as EventPayload<EventKey>)
      if (frameRequested) return
      // Hidden windows get no animation frames; apply directly so the queue drains.
      if (document.hidden) apply()
      else {
        frameRequested = true
        requestAnimationFrame(apply)
      }
    },
    { intervalMs: FLUSH_INTERVAL_MS }
  )

  const unsubscribers = ALL_EVENTS.map((event) => subscribe(event, (payload) => batcher.push({ event, payload })))
  return () => {
    unsubscribers.forEach((u) => u())
    batcher.dispose()
  }
}
