/**
 * The queue of pushed events between two store updates, grouped by kind. Pure, so the
 * batching rules are unit-tested without a store or a transport.
 */
import type { EventKey, EventPayload } from '../../../shared/contract'

/** Events waiting for the next flush, grouped by kind. */
export interface LiveQueue {
  captures: EventPayload<'capture.received'>[]
  /** Captures changed after arrival (forward finished), latest version per id. */
  updatedCaptures: Map<string, EventPayload<'capture.updated'>>
  deletions: EventPayload<'captures.deleted'>[]
  listenerStates: EventPayload<'listener.state'>[]
  listenersChanged: boolean
  credentialsChanged: boolean
  settings: EventPayload<'settings.changed'> | null
  deliveries: EventPayload<'delivery.updated'>[]
  attempts: EventPayload<'attempt.finished'>[]
  endpointsChanged: boolean
  healthAlerts: EventPayload<'health.alert'>[]
  platformRequests: EventPayload<'platform.request'>[]
  platformChanged: boolean
  platformStatus: EventPayload<'platform.state'> | null
}

export function emptyQueue(): LiveQueue {
  return {
    captures: [],
    updatedCaptures: new Map(),
    deletions: [],
    listenerStates: [],
    listenersChanged: false,
    credentialsChanged: false,
    settings: null,
    deliveries: [],
    attempts: [],
    endpointsChanged: false,
    healthAlerts: [],
    platformRequests: [],
    platformChanged: false,
    platformStatus: null
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
    case 'capture.updated': {
      const c = payload as EventPayload<'capture.updated'>
      q.updatedCaptures.set(c.id, c)
      break
    }
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
    case 'health.alert':
      q.healthAlerts.push(payload as EventPayload<'health.alert'>)
      break
    case 'platform.request':
      q.platformRequests.push(payload as EventPayload<'platform.request'>)
      // The screen keeps the newest few hundred; a burst need not queue more.
      if (q.platformRequests.length > 1000) q.platformRequests.splice(0, q.platformRequests.length - 1000)
      break
    case 'platform.changed':
      q.platformChanged = true
      break
    case 'platform.state':
      q.platformStatus = payload as EventPayload<'platform.state'>
      break
  }
}
