/**
 * Captures written by another process on the same data file (a `kyc-hooks listen` in a
 * terminal while the desktop app or `serve` is open) are announced on this process's bus,
 * so the inbox fills live whichever face received the webhook.
 *
 * `PRAGMA data_version` changes only when another connection commits, so the poll is one
 * cheap pragma per tick while nothing else writes; only then are new rows read.
 */
import type { Db } from '../store/database'
import type { EventBus } from '../event-bus'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './capture-mapping'

export const EXTERNAL_POLL_MS = 500
const MAX_ROWS_PER_TICK = 1000

/** Starts watching; returns the function that stops it. */
export function watchExternalCaptures(db: Db, bus: EventBus, intervalMs = EXTERNAL_POLL_MS): () => void {
  const dataVersion = db.prepare('PRAGMA data_version').pluck()
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM captures').pluck()
  const newer = db.prepare<[number, number], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM captures WHERE seq > ? ORDER BY seq LIMIT ?`
  )

  let version = dataVersion.get() as number
  let lastSeq = maxSeq.get() as number
  // Ids this process announced itself (its own listeners and imports), not to be repeated.
  const own = new Set<string>()
  const stopOwn = bus.on('capture.received', (summary) => {
    if (summary.seq > lastSeq) own.add(summary.id)
  })

  function tick(): void {
    const current = dataVersion.get() as number
    if (current === version) {
      // Only this process wrote since the last look: everything past lastSeq is its own.
      lastSeq = maxSeq.get() as number
      own.clear()
      return
    }
    version = current
    for (;;) {
      const rows = newer.all(lastSeq, MAX_ROWS_PER_TICK)
      for (const row of rows) {
        lastSeq = row.seq
        if (own.delete(row.id)) continue
        bus.emit('capture.received', toSummary(row))
      }
      if (rows.length < MAX_ROWS_PER_TICK) break
    }
  }

  const timer = setInterval(() => {
    try {
      tick()
    } catch {
      // A closed or busy database must not take the process down; the next tick tries again.
    }
  }, intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    stopOwn()
  }
}
