/**
 * Group commit for the sender's writes: the outbox rows of sends made in the same
 * event-loop turn, and the attempt rows of attempts that finished in the same turn, are
 * written in one SQLite transaction instead of one each. Every caller still waits for the
 * COMMIT before it goes on (a send attempts only after its message and deliveries are
 * stored; an attempt is reported only after its row is stored), so durability is as
 * before; only the number of commits falls (issue 10: three commits per delivery).
 *
 * All group commits on one database share one queue, so a turn's sends and finished
 * attempts go out in one transaction, not one per kind of write.
 *
 * A batch is first written without savepoints (a SAVEPOINT and a RELEASE per write cost
 * more than the writes themselves). Should any write throw, that whole transaction is
 * rolled back and the batch written again with each write in its own savepoint, so one
 * failing write still fails only its caller. Writes must therefore touch nothing but the
 * database: they may run twice, and only the second run's result counts.
 *
 * Like the capture writer, the sender writes in bursts, so from its first commit on the WAL
 * checkpoints run on a worker (store/checkpointer.ts) instead of inside a commit that
 * deliveries wait for: with SQLite's automatic checkpoint, one commit in ~50 of a burst of
 * sends took 60-150 ms (copy and fsync), holding up every send and attempt queued behind it.
 */
import { checkpointInBackground, type Db } from '../store/database'

export type GroupCommit<A, R> = (args: A) => Promise<R>

interface Pending {
  write(): unknown
  resolve(value: unknown): void
  reject(err: unknown): void
}

interface Queue {
  pending: Pending[]
  flush(): void
}

const queues = new WeakMap<Db, Queue>()

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown }

function queueFor(db: Db): Queue {
  const existing = queues.get(db)
  if (existing) return existing
  // better-sqlite3 runs a transaction function called inside another as a SAVEPOINT.
  const inSavepoint = db.transaction((p: Pending): unknown => p.write())
  const fast = db.transaction((batch: Pending[]): Outcome[] => batch.map((p): Outcome => ({ ok: true, value: p.write() })))
  const careful = db.transaction((batch: Pending[]): Outcome[] =>
    batch.map((p): Outcome => {
      try {
        return { ok: true, value: inSavepoint(p) }
      } catch (err) {
        return { ok: false, err }
      }
    })
  )
  const queue: Queue = {
    pending: [],
    flush() {
      checkpointInBackground(db)
      const batch = queue.pending
      queue.pending = []
      let results: Outcome[]
      try {
        try {
          results = fast(batch)
        } catch {
          // One write failed (or the COMMIT did): nothing of the batch is stored; go one savepoint each.
          results = careful(batch)
        }
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
  }
  queues.set(db, queue)
  return queue
}

export function groupCommit<A, R>(db: Db, write: (args: A) => R): GroupCommit<A, R> {
  return (args) =>
    new Promise<R>((resolve, reject) => {
      const queue = queueFor(db)
      queue.pending.push({ write: () => write(args), resolve: resolve as (value: unknown) => void, reject })
      // setImmediate runs after this turn's I/O callbacks, so writes from the same turn share it.
      if (queue.pending.length === 1) setImmediate(queue.flush)
    })
}
