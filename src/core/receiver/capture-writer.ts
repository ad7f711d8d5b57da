/**
 * Group commit: the rows of requests that arrive together are inserted in one
 * transaction on the next turn of the event loop, then every waiting request is told
 * its row is on disk. One fsync-bearing commit per batch instead of per request is what
 * keeps capturing about as fast as answering (see stack-notes), and no reply leaves
 * before its commit, so durability is not traded away.
 */
import { checkpointInBackground, isDiskFull, reclaimWalSpace, type Db } from '../store/database'
import type { CapturesRepo } from './captures-repo'
import type { NewCaptureRow } from './types'

interface Pending {
  row: NewCaptureRow
  resolve: (seq: number) => void
  reject: (err: unknown) => void
}

export interface CaptureWriter {
  /** Queues a row; resolves with its seq once the batch holding it has committed. */
  write(row: NewCaptureRow): Promise<number>
  /** Commits whatever is queued now (used before closing the database). */
  flush(): void
}

/** Creates the writer. A failed batch rejects each of its requests; the next batch starts fresh. */
export function createCaptureWriter(db: Db, repo: CapturesRepo): CaptureWriter {
  let queue: Pending[] = []
  let scheduled: NodeJS.Immediate | null = null
  let checkpointing = false

  const insertAll = db.transaction((batch: Pending[]) => batch.map((p) => repo.insert(p.row)))

  function flush(): void {
    if (scheduled) clearImmediate(scheduled)
    scheduled = null
    const batch = queue
    queue = []
    if (batch.length === 0) return
    // Captures are the one write that comes in bursts: from the first one on, checkpoints
    // run on a worker instead of inside a commit that requests are waiting for.
    if (!checkpointing) {
      checkpointing = true
      checkpointInBackground(db)
    }
    let seqs: number[]
    try {
      seqs = insertAll(batch)
    } catch (err) {
      // Out of space: give the WAL's space back now, so freeing disk space lets captures resume.
      if (isDiskFull(err)) reclaimWalSpace(db)
      for (const p of batch) p.reject(err)
      return
    }
    for (let i = 0; i < batch.length; i++) batch[i].resolve(seqs[i])
  }

  return {
    write(row) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ row, resolve, reject })
        // setImmediate runs after the I/O callbacks of this turn, so every request whose
        // body finished in the same turn joins the same transaction.
        scheduled ??= setImmediate(flush)
      })
    },
    flush
  }
}
