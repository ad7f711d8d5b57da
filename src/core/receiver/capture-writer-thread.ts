/**
 * The capture writer's own thread: a worker with its own connection to the database file
 * that inserts a batch of capture rows in one transaction and reports their seqs. Inserting
 * a captured row (its indexes and its full-text entry) is about half of the event loop's
 * time per request under load (bench/README.md, "Where the time goes"); here it runs beside
 * the event loop, which meanwhile parses and answers other requests.
 *
 * The worker is a blocking loop, like the checkpointer's (checkpointer.ts): it takes
 * batches with receiveMessageOnPort and sleeps on a shared counter, so the main thread can
 * wait for it synchronously (`waitIdle`, for `CaptureWriter.flush()`, which must stay
 * synchronous) and stop it synchronously before the main connection closes. Results go
 * back on a second port, which `stop()` also drains synchronously, so no committed batch
 * is left without its answer.
 *
 * Durability is the same as on the main thread: the worker's connection is in WAL mode
 * with synchronous = NORMAL, and a batch's result is posted only after its COMMIT returned.
 */
import { createRequire } from 'node:module'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'

/** What one batch came to: every row's seq in order, or the error that rolled it back. */
export type BatchResult = { seqs: number[] } | { error: Error }

export interface WriterThreadOptions {
  /** The database file (the main connection's `db.name`). */
  file: string
  /** The INSERT statement, with one `?` per value. */
  insertSql: string
  /** The better_sqlite3.node the main connection loaded, when it was not the default one. */
  nativeBinding?: string
  /** The connection's wal_autocheckpoint (0 while the background checkpointer runs). */
  autocheckpoint: number
}

export interface WriterThread {
  /** Ready for batches (false while starting, and after it stopped or failed). */
  running(): boolean
  /** Gone for good (failed or stopped): the writer then inserts on the main thread. */
  finished(): boolean
  /** Batches posted and not answered yet. */
  inFlight(): number
  /**
   * Inserts the rows (each its INSERT's values) in one transaction; `done` is called on the
   * main thread. The `transfer` blocks move to the thread (unusable here afterwards).
   */
  commit(rows: unknown[][], transfer: ArrayBuffer[], done: (result: BatchResult) => void): void
  /** Blocks until every posted batch is committed or failed (or `timeoutMs` passed), and delivers their results. */
  waitIdle(timeoutMs?: number): void
  /** Commits what was posted, closes the worker's connection and ends the thread (synchronous, bounded). */
  stop(): void
}

// Slots of the shared control array.
const STOP = 0
const STATE = 1 // 0 starting, then RUNNING, then STOPPED or FAILED
const POSTED = 2
const DONE = 3
const RUNNING = 1
const STOPPED = 2
const FAILED = 3
// How long flush() and stop() wait for a batch in progress (a commit behind another writer's
// transaction, up to the busy timeout) before giving up.
const WAIT_MS = 15_000

// Plain CommonJS, evaluated by the worker: our own constant code (never data), kept as a
// string for the same reason as the checkpointer's (tsx, vitest and the bundled Electron
// main process cannot agree where a separate worker file would be).
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads')
const ctl = new Int32Array(workerData.control)
const input = workerData.input
const output = workerData.output
let db = null
let failed = null
try {
  const Database = require(workerData.modulePath)
  const options = { fileMustExist: true }
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding
  db = new Database(workerData.file, options)
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  // Another connection's write (an import, a delete, a retention batch) is waited for, here,
  // off the event loop.
  db.pragma('busy_timeout = 10000')
  db.pragma('wal_autocheckpoint = ' + Number(workerData.autocheckpoint))
  const insert = db.prepare(workerData.insertSql)
  const insertAll = db.transaction((rows) => {
    const seqs = new Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const values = rows[i]
      // Structured cloning turns a Buffer into a plain Uint8Array; bind it as the BLOB it was.
      for (let j = 0; j < values.length; j++) {
        const v = values[j]
        if (v instanceof Uint8Array && !Buffer.isBuffer(v)) values[j] = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
      }
      seqs[i] = Number(insert.run(values).lastInsertRowid)
    }
    return seqs
  })
  Atomics.store(ctl, ${STATE}, ${RUNNING})
  Atomics.notify(ctl, ${STATE})
  for (;;) {
    const m = receiveMessageOnPort(input)
    if (m) {
      const { id, rows } = m.message
      let reply
      try {
        reply = { id, seqs: insertAll.immediate(rows) }
      } catch (err) {
        reply = { id, message: err && err.message ? String(err.message) : String(err), code: err && typeof err.code === 'string' ? err.code : null }
      }
      output.postMessage(reply)
      Atomics.store(ctl, ${DONE}, id)
      Atomics.notify(ctl, ${DONE})
      continue
    }
    const posted = Atomics.load(ctl, ${POSTED})
    if (posted !== Atomics.load(ctl, ${DONE})) {
      // Announced but not arrived on the port yet: it is a moment away.
      Atomics.wait(ctl, ${POSTED}, posted, 1)
      continue
    }
    if (Atomics.load(ctl, ${STOP}) !== 0) break
    Atomics.wait(ctl, ${POSTED}, posted)
  }
} catch (err) {
  failed = err && err.message ? String(err.message) : String(err)
}
try { if (db) db.close() } catch {}
if (failed !== null) output.postMessage({ id: -1, message: failed, code: null })
Atomics.store(ctl, ${STATE}, failed === null ? ${STOPPED} : ${FAILED})
Atomics.notify(ctl, ${STATE})
Atomics.notify(ctl, ${DONE})
`

let running = 0

/** How many writer threads in this process are taking batches now (tests and diagnostics). */
export function runningWriterThreads(): number {
  return running
}

/** Starts the thread; null when worker threads are unavailable here. Batches may be posted once `running()`. */
export function startWriterThread(options: WriterThreadOptions): WriterThread | null {
  const control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT))
  const toWorker = new MessageChannel()
  const fromWorker = new MessageChannel()
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        control: control.buffer,
        input: toWorker.port2,
        output: fromWorker.port2,
        modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: options.file,
        nativeBinding: options.nativeBinding,
        insertSql: options.insertSql,
        autocheckpoint: options.autocheckpoint
      },
      transferList: [toWorker.port2, fromWorker.port2]
    })
  } catch {
    return null
  }
  const waiting = new Map<number, (result: BatchResult) => void>()
  let nextId = 0
  let finished = false
  let counted = false
  const isRunning = (): boolean => {
    const up = !finished && Atomics.load(control, STATE) === RUNNING
    if (up && !counted) {
      counted = true
      running++
    } else if (!up && counted && (finished || Atomics.load(control, STATE) >= STOPPED)) {
      counted = false
      running--
    }
    return up
  }

  const deliver = (message: { id: number; seqs?: number[]; message?: string; code?: string | null }): void => {
    if (message.id === -1) {
      fail(new Error(`the capture writer's thread could not run: ${message.message}`))
      return
    }
    const done = waiting.get(message.id)
    if (!done) return
    waiting.delete(message.id)
    if (message.seqs) return done({ seqs: message.seqs })
    const error = Object.assign(new Error(message.message ?? 'the capture could not be saved'), message.code ? { code: message.code } : {})
    done({ error })
  }
  const drain = (port: MessagePort): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) deliver(m.message as Parameters<typeof deliver>[0])
  }
  /** Answers every batch still waiting with `err` (nothing more will come for them) and stops taking batches. */
  const fail = (err: Error): void => {
    finished = true
    if (Atomics.load(control, STATE) < STOPPED) Atomics.store(control, STATE, FAILED)
    isRunning()
    for (const [id, done] of [...waiting]) {
      waiting.delete(id)
      done({ error: err })
    }
  }

  fromWorker.port1.on('message', deliver)
  worker.on('error', (err) => {
    drain(fromWorker.port1)
    fail(err)
  })
  worker.on('exit', () => {
    drain(fromWorker.port1)
    if (waiting.size > 0 || !finished) fail(new Error("the capture writer's thread ended"))
  })
  // A background helper never keeps the process alive (unref after adding listeners).
  fromWorker.port1.unref()
  worker.unref()

  const waitFor = (slot: number, until: (value: number) => boolean, timeoutMs: number): void => {
    const deadline = Date.now() + timeoutMs
    for (let v = Atomics.load(control, slot); !until(v); v = Atomics.load(control, slot)) {
      if (Atomics.load(control, STATE) >= STOPPED && slot !== STATE) break
      const left = deadline - Date.now()
      if (left <= 0) break
      Atomics.wait(control, slot, v, left)
    }
  }

  return {
    running: isRunning,
    finished: () => finished || Atomics.load(control, STATE) >= STOPPED,
    inFlight: () => waiting.size,
    commit(rows, transfer, done) {
      const id = ++nextId
      waiting.set(id, done)
      toWorker.port1.postMessage({ id, rows }, transfer)
      Atomics.store(control, POSTED, id)
      Atomics.notify(control, POSTED)
    },
    waitIdle(timeoutMs = WAIT_MS) {
      if (waiting.size === 0) return
      waitFor(DONE, (done) => done >= nextId, timeoutMs)
      drain(fromWorker.port1)
    },
    stop() {
      if (finished && Atomics.load(control, STATE) >= STOPPED) return
      finished = true
      Atomics.store(control, STOP, 1)
      Atomics.notify(control, POSTED)
      waitFor(STATE, (s) => s >= STOPPED, WAIT_MS)
      drain(fromWorker.port1)
      fail(new Error("the capture writer's thread stopped before committing this capture"))
      void worker.terminate()
      toWorker.port1.close()
    }
  }
}
