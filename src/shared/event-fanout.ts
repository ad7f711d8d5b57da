/**
 * The subscribers of pushed events on the page's side, and the delivery of one pushed
 * batch to them: the desktop preload (IPC) and the browser's web transport (WebSocket)
 * both use this, so both skip malformed items and isolate a throwing handler the same way.
 */
import type { PushedEvent } from './ipc-channels'

export interface EventFanout {
  /** Adds a handler for `event`; returns the function that removes it. */
  add(event: string, handler: (payload: unknown) => void): () => void
  /** Hands each well-formed `{ event, payload }` of a batch to that event's handlers, in order. */
  deliverBatch(batch: unknown): void
}

/** `onHandlerError` hears a handler that threw: one broken view must not starve the others of the batch. */
export function createEventFanout(onHandlerError: (event: string, err: unknown) => void): EventFanout {
  const handlers = new Map<string, Set<(payload: unknown) => void>>()

  function deliver(event: string, payload: unknown): void {
    const set = handlers.get(event)
    if (!set) return
    for (const handler of [...set]) {
      try {
        handler(payload)
      } catch (err) {
        onHandlerError(event, err)
      }
    }
  }

  return {
    add(event, handler) {
      let set = handlers.get(event)
      if (!set) handlers.set(event, (set = new Set()))
      set.add(handler)
      return () => {
        set.delete(handler)
      }
    },
    deliverBatch(batch) {
      if (!Array.isArray(batch)) return
      for (const item of batch as PushedEvent[]) {
        if (typeof item === 'object' && item !== null && typeof item.event === 'string') deliver(item.event, item.payload)
      }
    }
  }
}
