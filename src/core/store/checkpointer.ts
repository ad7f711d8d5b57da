/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses its threshold, on the event loop: it copies the WAL into the database file
 * and fsyncs both, a 25–70 ms stall on this kind of machine while every request waiting for
 * a commit waits too, and it more than doubled the cost per captured row under load (see
 * bench/README.md). Here a worker with its own connection runs PASSIVE checkpoints (which
 * never block the writer) and the main connection's automatic checkpoint is turned off
 * while the worker runs.
 *
 * Why the worker is a blocking loop: it needs no event loop, so stop() can wait for it
 * synchronously (Atomics.wait), which lets Database#close stay synchronous and still be
 * the last connection to close (SQLite then folds the WAL into the file and deletes it).
 *
 * A PASSIVE checkpoint cannot let the WAL start over while a writer keeps appending, so
 * under a long, unbroken burst the WAL file would grow without bound; past `restartFrames`
 * the worker runs one RESTART checkpoint, which makes writers wait for the few frames the
 * last pass had not copied yet (a short, rare pause, instead of the periodic one).
 *
 * If the worker cannot start or fails, the main connection's automatic checkpoint is
 * turned back on: nothing depends on the worker for correctness, only for speed.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** SQLite's default wal_autocheckpoint (pages), restored when the worker is not running. */
export const DEFAULT_AUTOCHECKPOINT = 1000

export interface CheckpointerOptions {
  /** The database file (the main connection's `db.name`). */
  file: string
  /** The better_sqlite3.node the main connection loaded, when it was not the default one. */
  nativeBinding?: string
  /** Pause between passes while the WAL is growing (ms): longer passes copy each rewritten page once. */
  activeMs?: number
  /** Pause between passes while nothing is written (ms): an idle app should not wake often. */
  idleMs?: number
  /** WAL size (frames, i.e. pages) past which the worker forces the WAL to start over. */
  restartFrames?: number
}

export interface CheckpointerStats {
  /** starting | running | stopped | failed */
  state: 'starting' | 'running' | 'stopped' | 'failed'
  /** Checkpoint passes completed. */
  passes: number
  /** RESTART checkpoints run because the WAL grew past restartFrames. */
  restarts: number
  /** The largest WAL (frames) a pass has seen. */
  maxWalFrames: number
  /** The longest RESTART checkpoint (ms): about how long writers were held off, at most. */
  longestRestartMs: number
  /** Why the worker failed, when it did. */
  error: string | null
}

export interface Checkpointer {
  /** Stops the worker and waits (synchronously, bounded) for its connection to close. */
  stop(): void
  stats(): CheckpointerStats
}

// Slots of the shared control array.
const STOP = 0
const STATE = 1
const PASSES = 2
const RESTARTS = 3
const MAX_FRAMES = 4
const LONGEST_RESTART_MS = 5
const STATES = ['starting', 'running', 'stopped', 'failed'] as const
// How long close() waits for a pass in progress (an fsync on a slow disk) before giving up.
const STOP_WAIT_MS = 5000

// Plain CommonJS, evaluated by the worker. It is our own constant code (never data), kept
// as a string so it runs the same under tsx, vitest and the bundled Electron main process,
// none of which can agree on where a separate worker file would end up.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const ctl = new Int32Array(workerData.control)
let db = null
let failed = null
try {
  const Database = require(workerData.modulePath)
  const options = { fileMustExist: true }
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding
  db = new Database(workerData.file, options)
  // RESTART waits for the writer's current transaction (milliseconds) through this.
  db.pragma('busy_timeout = 2000')
  const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
  const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)')
  Atomics.store(ctl, ${STATE}, 1)
  let wait = workerData.activeMs
  let lastLog = -1
  while (Atomics.load(ctl, ${STOP}) === 0) {
    Atomics.wait(ctl, ${STOP}, 0, wait)
    if (Atomics.load(ctl, ${STOP}) !== 0) break
    let r = null
    try { r = passive.get() } catch { r = null }
    if (!r) { wait = workerData.idleMs; continue }
    Atomics.add(ctl, ${PASSES}, 1)
    if (r.log > Atomics.load(ctl, ${MAX_FRAMES})) Atomics.store(ctl, ${MAX_FRAMES}, r.log)
    if (r.log >= workerData.restartFrames) {
      // RESTART holds writers off while it copies what is left and syncs, so first copy
      // (without blocking anyone) what was committed while the previous pass ran, again
      // until that tail is small: RESTART is then left with a few milliseconds of commits.
      let seen = r.log
      for (let i = 0; i < 8; i++) {
        let again = null
        try { again = passive.get() } catch { again = null }
        if (!again) break
        const tail = again.log - seen
        seen = again.log
        if (tail >= 0 && tail <= 256) break
      }
      const started = Date.now()
      try { restart.get(); Atomics.add(ctl, ${RESTARTS}, 1) } catch {}
      const took = Date.now() - started
      if (took > Atomics.load(ctl, ${LONGEST_RESTART_MS})) Atomics.store(ctl, ${LONGEST_RESTART_MS}, took)
    }
    wait = r.log === lastLog && r.checkpointed === r.log ? workerData.idleMs : workerData.activeMs
    lastLog = r.log
  }
} catch (err) {
  failed = err && err.message ? String(err.message) : String(err)
}
try { if (db) db.close() } catch {}
if (failed !== null) parentPort.postMessage(failed)
Atomics.store(ctl, ${STATE}, failed === null ? 2 : 3)
Atomics.notify(ctl, ${STATE})
`

/**
 * Starts checkpointing `db` in the background; returns null for a database without a file.
 * Turns the connection's automatic checkpoint off while the worker runs.
 */
export function startCheckpointer(db: Database.Database, options: CheckpointerOptions): Checkpointer | null {
  if (db.memory || !db.open) return null
  const control = new Int32Array(new SharedArrayBuffer(6 * Int32Array.BYTES_PER_ELEMENT))
  let error: string | null = null
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        control: control.buffer,
        modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: options.file,
        nativeBinding: options.nativeBinding,
        activeMs: options.activeMs ?? 200,
        idleMs: options.idleMs ?? 1000,
        restartFrames: options.restartFrames ?? 16_384
      }
    })
  } catch {
    // No worker threads here (or the module cannot be found): SQLite's own checkpoint stays.
    return null
  }
  let fellBack = false
  const fallBack = () => {
    if (fellBack) return
    fellBack = true
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`)
  }
  worker.on('message', (message: unknown) => {
    error = String(message)
    fallBack()
  })
  worker.on('error', (err) => {
    error = err.message
    Atomics.store(control, STATE, 3)
    fallBack()
  })
  worker.on('exit', () => {
    if (Atomics.load(control, STATE) !== 2) fallBack()
  })
  // A background helper must never keep the process alive (unref after adding listeners:
  // a listener added later would ref the worker's port again).
  worker.unref()
  db.pragma('wal_autocheckpoint = 0')

  return {
    stop() {
      Atomics.store(control, STOP, 1)
      Atomics.notify(control, STOP)
      const deadline = Date.now() + STOP_WAIT_MS
      // Wait while it is starting or mid-pass; a worker that has not begun running its
      // code yet sees STOP as soon as it does.
      for (let s = Atomics.load(control, STATE); s < 2; s = Atomics.load(control, STATE)) {
        const left = deadline - Date.now()
        if (left <= 0) break
        Atomics.wait(control, STATE, s, left)
      }
      void worker.terminate()
      fallBack()
    },
    stats() {
      return {
        state: STATES[Atomics.load(control, STATE)] ?? 'failed',
        passes: Atomics.load(control, PASSES),
        restarts: Atomics.load(control, RESTARTS),
        maxWalFrames: Atomics.load(control, MAX_FRAMES),
        longestRestartMs: Atomics.load(control, LONGEST_RESTART_MS),
        error
      }
    }
  }
}
