import Database from 'better-sqlite3'
import path from 'node:path'
import { WorkbenchError, messageOf } from '../../shared/errors'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations'
import { ensurePrivateDir, ensurePrivateFile, tightenDatabaseCompanions } from './private-files'
import { startCheckpointer, type Checkpointer, type CheckpointerStats } from './checkpointer'

export type Db = Database.Database

export interface OpenOptions {
  /** Absolute path of a better_sqlite3.node built for this runtime (Electron ships its own). */
  nativeBinding?: string
  /**
   * The file's folder is the Workbench's own data folder: tighten it to owner-only if it is
   * looser. Otherwise (a `--db` file in any folder) an existing folder is left as it is.
   */
  ownFolder?: boolean
  /** Told how far a long migration (such as indexing existing captures for search) has got. */
  onMigrationProgress?: (progress: MigrationProgress) => void
}

/** One step of a migration's backfill: `done` of `total` rows of migration `name`. */
export interface MigrationProgress {
  version: number
  name: string
  done: number
  total: number
}

/**
 * Opens (creating if needed) the one Workbench database file, in WAL mode, and brings
 * its schema up to date. Refuses a file written by a newer schema. The file, its -wal and
 * -shm, and a folder created for it are owner-only: they hold secrets in clear.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  try {
    ensurePrivateDir(path.dirname(file), options.ownFolder === true)
  } catch (err) {
    throw new WorkbenchError('io', `cannot create the data folder ${path.dirname(file)}: ${messageOf(err)}`)
  }
  let db: Db
  try {
    ensurePrivateFile(file)
    tightenDatabaseCompanions(file)
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    db.pragma('journal_mode = WAL')
  } catch (err) {
    throw new WorkbenchError(
      'io',
      `cannot open the database ${file}: ${messageOf(err)}. Check the path, or pass --db FILE / KYC_HOOKS_DB to use another file`
    )
  }
  // NORMAL is durable across application crashes in WAL mode (only an OS crash or power
  // loss can drop the last transactions), which is the right trade for a local tool.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Each time the WAL starts over, cut its file back to this size: space a burst (or a
  // disk-full) made it grow into goes back to the filesystem instead of staying in the WAL.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
  try {
    migrate(db, file, options.onMigrationProgress)
  } catch (err) {
    db.close()
    throw err
  }
  opened.set(db, { nativeBinding: options.nativeBinding, checkpointer: null, beforeClose: [] })
  // The background checkpointer's connection must close first, so that this one is the
  // last and SQLite folds the WAL into the file on close, as it does without a worker.
  const close = db.close.bind(db)
  db.close = () => {
    const state = opened.get(db)
    // Other connections to the file (the capture writer's thread) close before this one.
    for (const fn of state?.beforeClose.splice(0) ?? []) fn()
    state?.checkpointer?.stop()
    if (state) state.checkpointer = null
    return close()
  }
  return db
}

/** journal_size_limit: the WAL file is truncated to this after each reset. */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024

/** Whether `err` is SQLite's "database or disk is full". */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR') && /ENOSPC|disk/i.test(String(err)))
}

const lastReclaim = new WeakMap<Db, number>()
/** Not more often than this: a TRUNCATE checkpoint may wait for readers (busy_timeout). */
const RECLAIM_EVERY_MS = 1_000

/**
 * After a write failed for lack of space: copy the WAL into the database file and truncate
 * the WAL to zero bytes, so the space the WAL had grown into (and any space the user frees)
 * is there for the next commits rather than taken back by the WAL. Best effort: on a disk
 * still too full for the checkpoint it fails quietly and the next disk-full tries again.
 * Returns whether the WAL was truncated.
 */
export function reclaimWalSpace(db: Db, now = Date.now()): boolean {
  if (!db.open || db.memory) return false
  if (now - (lastReclaim.get(db) ?? 0) < RECLAIM_EVERY_MS) return false
  lastReclaim.set(db, now)
  try {
    const r = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[]
    return r[0]?.busy === 0
  } catch {
    return false
  }
}

const opened = new WeakMap<Db, { nativeBinding?: string; checkpointer: Checkpointer | null; beforeClose: Array<() => void> }>()

/** The better_sqlite3.node `db` was opened with (undefined: the default one, or not opened by openDatabase). */
export function nativeBindingOf(db: Db): string | undefined {
  return opened.get(db)?.nativeBinding
}

/**
 * Runs `fn` when `db.close()` is called, before the connection closes: another connection to
 * the same file (on a worker thread) closes first, so this one is the last and folds the WAL
 * in. Returns a function that unregisters `fn`. Does nothing for a database not opened by
 * openDatabase.
 */
export function beforeDatabaseClose(db: Db, fn: () => void): () => void {
  const list = opened.get(db)?.beforeClose
  list?.push(fn)
  return () => {
    const i = list?.indexOf(fn) ?? -1
    if (i >= 0) list?.splice(i, 1)
  }
}

/**
 * Moves WAL checkpoints of `db` (opened by openDatabase) to a worker thread, so a commit
 * never waits for one (see checkpointer.ts). Idempotent; the writers that commit often
 * (the capture writer) call it on their first write. Stopped by `db.close()`.
 */
export function checkpointInBackground(db: Db): void {
  const state = opened.get(db)
  if (!state || state.checkpointer || !db.open) return
  state.checkpointer = startCheckpointer(db, { file: db.name, nativeBinding: state.nativeBinding })
}

/** The background checkpointer's counters, or null when it is not running for `db`. */
export function checkpointStats(db: Db): CheckpointerStats | null {
  return opened.get(db)?.checkpointer?.stats() ?? null
}

function migrate(db: Db, file: string, onProgress?: (progress: MigrationProgress) => void): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > LATEST_SCHEMA_VERSION) {
    throw new WorkbenchError(
      'newer-schema',
      `the database ${file} has schema version ${current}, but this Workbench knows only up to ${LATEST_SCHEMA_VERSION}: ` +
        'it was written by a newer version. Update the Workbench, or pass --db FILE to use another database'
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        migration.backfill?.(db, (done, total) =>
          onProgress?.({ version: migration.version, name: migration.name, done, total })
        )
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[]
          if (broken.length > 0) throw new Error(`migration ${migration.version} (${migration.name}) broke ${broken.length} foreign keys`)
        }
        db.pragma(`user_version = ${migration.version}`)
      })()
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
}
