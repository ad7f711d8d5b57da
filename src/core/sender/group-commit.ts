/**
 * Group commit for the sender's writes: the outbox rows of sends made in the same
 * event-loop turn, and the attempt rows of attempts that finished in the same turn, are
 * written in one SQLite transaction instead of one each. Every caller still waits for the
 * COMMIT before it goes on (a send attempts only after its message and deliveries are
 * stored; an attempt is reported only after its row is stored), so durability is as
 * before; only the number of commits falls (issue 10: three commits per delivery).
 * Each write runs in its own savepoint, so one failing write fails only its caller.
 */
import type { Db } from '../store/database'

export type GroupCommit<A, R> = (args: A) => Promise<R>

export function groupCommit<A, R>(db: Db, write: (args: A) => R): GroupCommit<A, R> {
  interface Pending {
    args: A
    resolve(value: R): void
    reject(err: unknown): void
  }
  let queue: Pending[] = []
  // better-sqlite3 runs a transaction function called inside another as a SAVEPOINT.
  const one = db.transaction((args: A): R => write(args))

  const flush = (): void => {
    const batch = queue
    queue = []
    const results: Array<{ ok: true; value: R } | { ok: false; err: unknown }> = []
    try {
      db.transaction(() => {
        for (const p of batch) {
          try {
            results.push({ ok: true, value: one(p.args) })
          } catch (err) {
            results.push({ ok: false, err })
          }
        }
      })()
    } catch (err) {
      // The COMMIT itself failed (disk full, database closed): nothing of the batch is stored.
      for (const p of batch) p.reject(err)
      return
    }
    batch.forEach((p, i) => {
      const r = results[i]
      if (r.ok) p.resolve(r.value)
      else p.reject(r.err)
    })
  }

  return (args) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ args, resolve, reject })
      // setImmediate runs after this turn's I/O callbacks, so writes from the same turn share it.
      if (queue.length === 1) setImmediate(flush)
    })
}
