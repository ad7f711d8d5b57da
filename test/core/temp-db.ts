/**
 * Real database files in temp folders for core tests: `tempDb()` opens one, and
 * `closeTempDbs()` (call it in afterEach) closes every one and removes its folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type Db } from '../../src/core/store/database'

const dirs: string[] = []
const dbs: Db[] = []

export function tempDb(prefix = 'kyc-db-'): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  dirs.push(dir)
  const file = path.join(dir, 'workbench.sqlite')
  const db = openDatabase(file)
  dbs.push(db)
  return { db, file }
}

export function closeTempDbs(): void {
  for (const db of dbs.splice(0)) if (db.open) db.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** A second connection to a temp database (another process, or a restart), closed with the rest. */
export function openAgain(file: string): Db {
  const db = openDatabase(file)
  dbs.push(db)
  return db
}
