/**
 * One read of server state that only its latest call may answer. Each load bumps a
 * generation; an answer (or a failure) that arrives after a newer load started is dropped,
 * so a slow old answer never overwrites a newer one on screen. Every slice reads the engine
 * through this instead of hand-rolling its own counter. (A query cache such as
 * @tanstack/query-core would add keys, staleness and refetch rules the slices do not need:
 * they are refreshed by pushed events, not by polling.)
 */

export interface LoadHandlers<T> {
  /** The answer of the latest load. */
  data(value: T): void
  /** The failure of the latest load (a toast, or an inline error). */
  error?(err: unknown): void
  /** After the latest load answered or failed: clear a loading flag here. */
  settled?(): void
}

export interface LoadOptions {
  /** Wait this long first; a newer load meanwhile means this one never calls the engine (debounce). */
  afterMs?: number
}

export interface ServerResource {
  load<T>(fetch: () => Promise<T>, on: LoadHandlers<T>, options?: LoadOptions): Promise<void>
  /** Drops the answer of any load in flight (e.g. the user closed what it was for). */
  cancel(): void
}

export function serverResource(): ServerResource {
  let generation = 0
  return {
    async load(fetch, on, options = {}) {
      const g = ++generation
      if (options.afterMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, options.afterMs))
        if (g !== generation) return
      }
      try {
        const value = await fetch()
        if (g === generation) on.data(value)
      } catch (err) {
        if (g === generation) on.error?.(err)
      } finally {
        if (g === generation) on.settled?.()
      }
    },
    cancel() {
      generation++
    }
  }
}
