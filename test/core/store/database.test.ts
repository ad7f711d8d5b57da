import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../../../src/core/store/database'
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations'
import { WorkbenchError } from '../../../src/shared/errors'

const dirs: string[] = []
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-db-'))
  dirs.push(dir)
  return path.join(dir, 'nested', 'workbench.sqlite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('openDatabase', () => {
  it('creates the folder and the file, in WAL mode, at the latest schema', () => {
    const file = tempFile()
    const db = openDatabase(file)
    expect(fs.existsSync(file)).toBe(true)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name)
    expect(tables).toEqual([
      'attempts',
      'audit_runs',
      'capture_filter_counts',
      'captures',
      // The FTS5 table and its shadow tables (migration 6).
      'captures_fts',
      'captures_fts_config',
      'captures_fts_data',
      'captures_fts_docsize',
      'captures_fts_idx',
      'credentials',
      'deliveries',
      'endpoints',
      'listeners',
      'messages',
      'platform_aml_matches',
      'platform_events',
      'platform_invitations',
      'platform_requests',
      'platform_state',
      'platform_submissions',
      'platform_workflows',
      'scenario_runs',
      'settings'
    ])
    db.close()
  })

  it('keeps data across a reopen and does not re-run migrations', () => {
    const file = tempFile()
    const first = openDatabase(file)
    first.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"dark"')
    first.close()
    const second = openDatabase(file)
    expect(second.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' })
    second.close()
  })

  it('refuses a database written by a newer schema with a clear error', () => {
    const file = tempFile()
    openDatabase(file).close()
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.close()
    let caught: unknown
    try {
      openDatabase(file)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(WorkbenchError)
    expect((caught as WorkbenchError).code).toBe('newer-schema')
    expect((caught as WorkbenchError).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`)
    expect((caught as WorkbenchError).message).toContain('--db')
  })

  it('says which file it could not open', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-db-'))
    dirs.push(dir)
    // A folder where the database file should be cannot be opened as a database.
    const file = path.join(dir, 'is-a-folder.sqlite')
    fs.mkdirSync(file)
    expect(() => openDatabase(file)).toThrow(/cannot open the database .*is-a-folder\.sqlite/)
  })
})
