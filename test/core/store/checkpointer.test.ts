import { afterEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { checkpointInBackground, checkpointStats, openDatabase, type Db } from '../../../src/core/store/database'
import { DEFAULT_AUTOCHECKPOINT, startCheckpointer } from '../../../src/core/store/checkpointer'

const dirs: string[] = []
const open: Db[] = []
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-ckpt-'))
  dirs.push(dir)
  return path.join(dir, 'workbench.sqlite')
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** Commits `batches` transactions of 20 settings rows each (about 2 KB per row). */
function write(db: Db, batches: number, from = 0): void {
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
  const tx = db.transaction((start: number) => {
    for (let i = start; i < start + 20; i++) insert.run(`k${i}`, 'v'.repeat(2000))
  })
  for (let b = 0; b < batches; b++) tx(from + b * 20)
}

const autocheckpoint = (db: Db) => db.pragma('wal_autocheckpoint', { simple: true })

describe('background checkpoints', () => {
  it('copies the WAL into the database file from a worker while the connection itself never checkpoints', async () => {
    const file = tempFile()
    const db = openDatabase(file)
    open.push(db)
    expect(checkpointStats(db)).toBeNull()
    checkpointInBackground(db)
    checkpointInBackground(db) // idempotent: still one worker
    expect(autocheckpoint(db)).toBe(0)
    const sizeBefore = fs.statSync(file).size

    write(db, 50)
    // Only the worker can have grown the main file: this connection's automatic checkpoint is
    // off. (The file grows while a pass runs, before the pass is counted: wait for both.)
    await vi.waitFor(
      () => {
        expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 1_000_000)
        expect(checkpointStats(db)?.passes).toBeGreaterThan(0)
      },
      { timeout: 15_000 }
    )
    const stats = checkpointStats(db)
    expect(stats?.state).toBe('running')
    expect(stats?.maxWalFrames).toBeGreaterThan(0)
    expect(stats?.error).toBeNull()
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 1000 })
  })

  it('closes its own connection first, so closing the database still folds the WAL in and removes it', async () => {
    const file = tempFile()
    const db = openDatabase(file)
    checkpointInBackground(db)
    write(db, 20)
    await vi.waitFor(() => expect(checkpointStats(db)?.state).toBe('running'), { timeout: 15_000 })
    expect(fs.existsSync(`${file}-wal`)).toBe(true)
    db.close()
    expect(fs.existsSync(`${file}-wal`)).toBe(false)

    const reopened = new Database(file, { readonly: true })
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 400 })
    reopened.close()
  })

  it('makes the WAL start over once it passes the limit, even while writes keep coming', async () => {
    const file = tempFile()
    const db = openDatabase(file)
    open.push(db)
    const checkpointer = startCheckpointer(db, { file, activeMs: 5, idleMs: 5, restartFrames: 64 })
    expect(checkpointer).not.toBeNull()
    let written = 0
    while (checkpointer!.stats().restarts === 0) {
      write(db, 10, written)
      written += 200
      if (written > 200_000) throw new Error(`no RESTART checkpoint after ${written} rows: ${JSON.stringify(checkpointer!.stats())}`)
      // Give the worker a moment between bursts (it runs on its own thread; this only yields).
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    checkpointer!.stop()
    expect(checkpointer!.stats().state).toBe('stopped')
    expect(autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT)
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: written })
  })

  it('turns SQLite’s own checkpoint back on when the worker cannot open the database', async () => {
    const file = tempFile()
    const db = openDatabase(file)
    open.push(db)
    const checkpointer = startCheckpointer(db, { file, nativeBinding: path.join(path.dirname(file), 'missing', 'better_sqlite3.node') })
    expect(checkpointer).not.toBeNull()
    await vi.waitFor(() => expect(checkpointer!.stats().state).toBe('failed'), { timeout: 15_000 })
    await vi.waitFor(() => expect(autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT), { timeout: 15_000 })
    expect(checkpointer!.stats().error).toMatch(/better_sqlite3\.node|Cannot find|no such file/i)
    // Writing still works, and stop() after a failure is harmless.
    write(db, 2)
    checkpointer!.stop()
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 40 })
  })

  it('never keeps the process alive: a program that forgets to close the database still exits', () => {
    const file = tempFile()
    const script = path.join(path.dirname(file), 'forgets-to-close.mjs')
    const database = pathToFileURL(path.resolve('src/core/store/database.ts')).href
    fs.writeFileSync(
      script,
      `const { openDatabase, checkpointInBackground, checkpointStats } = await import(${JSON.stringify(database)})
const db = openDatabase(${JSON.stringify(file)})
checkpointInBackground(db)
db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('k', 'v')
await new Promise((resolve) => setTimeout(resolve, 200))
console.log(checkpointStats(db).state)
`
    )
    // If the worker held the event loop open, this would run until the kill below.
    const child = spawnSync(process.execPath, [path.resolve('bin/run-ts.mjs'), script], { encoding: 'utf8', timeout: 60_000 })
    expect(child.error).toBeUndefined()
    expect(child.signal).toBeNull()
    expect(child.status).toBe(0)
    expect(child.stdout.trim()).toMatch(/^(starting|running)$/)
  })
})
