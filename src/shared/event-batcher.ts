/**
 * Collects items and hands them over in batches: the first item starts a timer, everything
 * that arrives before it fires goes out together. A burst of a thousand captures per second
 * becomes about twenty IPC messages, so the renderer is not flooded and events keep order.
 * The one batcher for pushed events: Electron main (IPC), `serve`'s WebSocket stream and the
 * renderer's live-events (before it touches the store) use it.
 * No node:* imports (setTimeout is global everywhere).
 */

export interface EventBatcherOptions {
  /** How long the first item of a batch may wait. */
  intervalMs?: number
  /** Flush early when a batch grows this large, so one message stays a reasonable size. */
  maxBatch?: number
}

export interface EventBatcher<T> {
  push(item: T): void
  /** Sends what is queued now (e.g. before the window closes). */
  flush(): void
  /** Drops what is queued and stops the timer. */
  dispose(): void
}

export const DEFAULT_BATCH_INTERVAL_MS = 50
export const DEFAULT_MAX_BATCH = 1000

/** Creates a batcher that calls `send` with each non-empty batch, in arrival order. */
export function createEventBatcher<T>(send: (batch: T[]) => void, options: EventBatcherOptions = {}): EventBatcher<T> {
  const intervalMs = options.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH
  let queue: T[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  let disposed = false

  function flush(): void {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    if (queue.length === 0) return
    const batch = queue
    queue = []
    send(batch)
  }

  return {
    push(item) {
      if (disposed) return
      queue.push(item)
      if (queue.length >= maxBatch) flush()
      else if (!timer) timer = setTimeout(flush, intervalMs)
    },
    flush,
    dispose() {
      disposed = true
      if (timer) clearTimeout(timer)
      timer = null
      queue = []
    }
  }
}
