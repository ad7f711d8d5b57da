/**
 * Retention: keeps the newest N captures and/or those of the last D days (the `retention`
 * setting; unlimited by default) by deleting the oldest in the background. Each batch is
 * one small transaction, and the loop yields to the event loop between batches, so the
 * capture writer's group commits go in between and a listener never waits long for a big
 * clean-up. Deleted ids are announced like any delete, so open lists drop them.
 */
import type { Db } from '../store/database'
import type { EventBus } from '../event-bus'
import type { Settings } from '../../shared/models'

export interface RetentionOptions {
  db: Db
  bus: EventBus
  settings: () => Settings['retention']
  /** Rows per transaction. */
  batchSize?: number
  /** How often the background pass runs. */
  intervalMs?: number
  now?: () => number
}

export interface Retention {
  /** One pass: deletes batch after batch until the setting holds; resolves with how many went. */
  enforce(): Promise<number>
  /** Runs a pass now and every intervalMs until stop(). The timers do not keep a process alive. */
  start(): void
  stop(): Promise<void>
}

const DAY_MS = 86_400_000

export function createRetention(options: RetentionOptions): Retention {
  const { db, bus } = options
  const batchSize = options.batchSize ?? 500
  const intervalMs = options.intervalMs ?? 60_000
  const now = options.now ?? Date.now

  // The seq of the Nth newest capture: everything older goes.
  const nthNewest = db.prepare<[number], { seq: number }>('SELECT seq FROM captures ORDER BY seq DESC LIMIT 1 OFFSET ?')
  const deleteUpTo = db.prepare<[number, number], { id: string }>(
    'DELETE FROM captures WHERE seq IN (SELECT seq FROM captures WHERE seq <= ? ORDER BY seq LIMIT ?) RETURNING id'
  )
  const deleteBefore = db.prepare<[string, number], { id: string }>(
    'DELETE FROM captures WHERE seq IN (SELECT seq FROM captures WHERE received_at < ? ORDER BY received_at LIMIT ?) RETURNING id'
  )

  /** One batch (one short transaction); the ids deleted. */
  function batch(): string[] {
    const { keepLast, keepDays } = options.settings()
    if (keepLast !== null) {
      const edge = nthNewest.get(keepLast)
      if (edge) {
        const ids = deleteUpTo.all(edge.seq, batchSize).map((r) => r.id)
        if (ids.length > 0) return ids
      }
    }
    if (keepDays !== null) {
      const cutoff = new Date(now() - keepDays * DAY_MS).toISOString()
      return deleteBefore.all(cutoff, batchSize).map((r) => r.id)
    }
    return []
  }

  let running: Promise<number> | null = null
  let stopped = false
  let timer: NodeJS.Timeout | null = null

  async function pass(): Promise<number> {
    let total = 0
    while (!stopped && db.open) {
      const ids = batch()
      if (ids.length === 0) break
      total += ids.length
      bus.emit('captures.deleted', { ids, all: false })
      // Let queued requests and their group commit run before the next batch.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return total
  }

  function enforce(): Promise<number> {
    running ??= pass().finally(() => {
      running = null
    })
    return running
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      enforce()
        .catch((err: unknown) => console.error('kyc-hooks retention: could not delete old captures:', err))
        .finally(schedule)
    }, intervalMs)
    timer.unref()
  }

  return {
    enforce,
    start() {
      stopped = false
      enforce()
        .catch((err: unknown) => console.error('kyc-hooks retention: could not delete old captures:', err))
        .finally(schedule)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      await running?.catch(() => 0)
    }
  }
}
