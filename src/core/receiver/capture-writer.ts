/**
 * Group commit: the rows of requests that arrive together are inserted in one
 * transaction, then every waiting request is told its row is on disk. One fsync-bearing
 * commit per batch instead of per request is what keeps capturing about as fast as
 * answering (see stack-notes), and no reply leaves before its commit, so durability is not
 * traded away.
 *
 * Where the insert runs: on the writer's own thread (capture-writer-thread.ts) once it is
 * up, so the event loop only hands rows over and goes back to parsing and answering; on the
 * event loop until then, for a database without a file, and if the thread fails. One batch
 * is on the thread at a time: rows arriving meanwhile form the next batch, so batches grow
 * with the load and commits stay few.
 */
import { beforeDatabaseClose, checkpointInBackground, checkpointStats, isDiskFull, nativeBindingOf, reclaimWalSpace, type Db } from '../store/database'
import { DEFAULT_AUTOCHECKPOINT } from '../store/checkpointer'
import { startWriterThread, type BatchResult, type WriterThread } from './capture-writer-thread'
import { CAPTURE_INSERT_SQL, captureInsertValues, type CapturesRepo } from './captures-repo'
import type { NewCaptureRow } from './types'

interface Pending {
  row: NewCaptureRow
  resolve: (seq: number) => void
  reject: (err: unknown) => void
}

export interface CaptureWriter {
  /** Queues a row; resolves with its seq once the batch holding it has committed. */
  write(row: NewCaptureRow): Promise<number>
  /** Commits whatever is queued now, waiting for the writer's thread (used before reading, deleting or closing). */
  flush(): void
  /** Commits what is queued and ends the writer's thread (a later write starts another). */
  close(): void
}

/** Creates the writer. A failed batch rejects each of its requests; the next batch starts fresh. */
export function createCaptureWriter(db: Db, repo: CapturesRepo): CaptureWriter {
  let queue: Pending[] = []
  let scheduled: NodeJS.Immediate | null = null
  let checkpointing = false
  let thread: WriterThread | null = null
  // An in-memory database has no file another connection could open.
  let threadWanted = !db.memory
  let unregisterClose: (() => void) | null = null

  const insertAll = db.transaction((batch: Pending[]) => batch.map((p) => repo.insert(p.row)))

  function failed(batch: Pending[], err: unknown): void {
    // Out of space: give the WAL's space back now, so freeing disk space lets captures resume.
    if (isDiskFull(err)) reclaimWalSpace(db)
    for (const p of batch) p.reject(err)
  }

  function commitHere(batch: Pending[]): void {
    let seqs: number[]
    try {
      seqs = insertAll(batch)
    } catch (err) {
      failed(batch, err)
      return
    }
    for (let i = 0; i < batch.length; i++) batch[i].resolve(seqs[i])
  }

  function commitOnThread(t: WriterThread, batch: Pending[]): void {
    const transfer: ArrayBuffer[] = []
    t.commit(
      batch.map((p) => exactBuffers(captureInsertValues(p.row), transfer)),
      transfer,
      (result: BatchResult) => {
        if ('error' in result) failed(batch, result.error)
        else for (let i = 0; i < batch.length; i++) batch[i].resolve(result.seqs[i])
        // The rows that queued up while this batch was committing are the next batch.
        if (queue.length > 0 && !scheduled) scheduled = setImmediate(flushQueued)
      }
    )
  }

  /** The thread when it can take a batch now; starts it on first use. */
  function usableThread(): WriterThread | null {
    if (!threadWanted) return null
    if (!thread) {
      thread = startWriterThread({
        file: db.name,
        insertSql: CAPTURE_INSERT_SQL,
        nativeBinding: nativeBindingOf(db),
        // The background checkpointer copies the WAL; a commit of this connection must not.
        autocheckpoint: checkpointStats(db) ? 0 : DEFAULT_AUTOCHECKPOINT
      })
      if (!thread) {
        threadWanted = false
        return null
      }
      unregisterClose = beforeDatabaseClose(db, () => {
        // The database is closing: nothing may write through a new thread after this.
        threadWanted = false
        close()
      })
    }
    if (thread.finished()) {
      // Failed (its batches were rejected, and answered 503): the event loop takes over.
      threadWanted = false
      thread = null
      return null
    }
    return thread
  }

  /** Hands the queue to the thread, or commits it here; leaves it queued while the thread has a batch. */
  function flushQueued(): void {
    if (scheduled) clearImmediate(scheduled)
    scheduled = null
    if (queue.length === 0) return
    // Captures are the one write that comes in bursts: from the first one on, checkpoints
    // run on a worker instead of inside a commit that requests are waiting for.
    if (!checkpointing) {
      checkpointing = true
      checkpointInBackground(db)
    }
    const t = usableThread()
    if (t && t.inFlight() > 0) return // the batch in progress schedules this one when it is done
    const batch = queue
    queue = []
    // While the thread is starting (its first few milliseconds), commit here.
    if (t && t.running()) commitOnThread(t, batch)
    else commitHere(batch)
  }

  function flush(): void {
    if (scheduled) clearImmediate(scheduled)
    scheduled = null
    const t = thread && !thread.finished() ? thread : null
    if (t && t.running()) {
      if (queue.length > 0) {
        const batch = queue
        queue = []
        commitOnThread(t, batch)
      }
      t.waitIdle()
      // Results delivered by waitIdle may have queued nothing new; anything left goes here.
      if (queue.length === 0) return
    }
    const batch = queue
    queue = []
    if (batch.length > 0) commitHere(batch)
  }

  function close(): void {
    flush()
    unregisterClose?.()
    unregisterClose = null
    thread?.stop()
    thread = null
    // Whatever the stop answered (nothing, normally) is committed here.
    if (queue.length > 0) flush()
  }

  return {
    write(row) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ row, resolve, reject })
        // setImmediate runs after the I/O callbacks of this turn, so every request whose
        // body finished in the same turn joins the same transaction.
        scheduled ??= setImmediate(flushQueued)
      })
    },
    flush,
    close
  }
}

/**
 * The values with each Buffer that is a view into a larger memory block (Node's 8 KB pool
 * holds every small Buffer) copied into a block of its own, which is then handed to the
 * thread rather than copied again: posting the view would copy the whole block, 8 KB per
 * 500-byte body, and allocate it again on the other side.
 */
function exactBuffers(values: unknown[], transfer: ArrayBuffer[]): unknown[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v instanceof Uint8Array) {
      const own = v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer ? v : new Uint8Array(v)
      values[i] = own
      // Handed over only when it is our own copy: the caller's Buffer stays usable.
      if (own !== v) transfer.push(own.buffer as ArrayBuffer)
    }
  }
  return values
}
