/**
 * Migration 2 rebuilds the deliveries table (paused and cancelled statuses, a reason) on a
 * database written by schema 1, keeping every delivery and, through the foreign keys that
 * point at it, every attempt.
 */
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../../src/core/store/database'
import { migrations } from '../../../src/core/store/migrations'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('migration 2', () => {
  it('keeps deliveries and their attempts, and accepts the new statuses', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-mig-'))
    dirs.push(dir)
    const file = path.join(dir, 'workbench.sqlite')
    const v1 = new Database(file)
    v1.exec(migrations[0].sql)
    v1.pragma('user_version = 1')
    v1.exec(`
      INSERT INTO messages VALUES ('msg_1', 'submission.approved', x'7b7d', NULL, '2026-01-01T00:00:00.000Z', 'cli', NULL);
      INSERT INTO deliveries (id, message_id, endpoint_id, endpoint_name, url, request_headers, timeout_ms, insecure_tls,
        status, attempt_count, retry_schedule, next_attempt_at, created_at, updated_at)
      VALUES ('dlv_1', 'msg_1', 'ep_1', 'Acme', 'https://a.test/', '[]', 10000, 0, 'pending', 1, '[5000]',
        '2026-01-01T00:00:05.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
      INSERT INTO attempts VALUES ('att_1', 'dlv_1', 1, '2026-01-01T00:00:00.000Z', 12, 'https://a.test/', '[]', 500, '[]',
        x'', 0, NULL, 'error');
    `)
    v1.close()

    const db = openDatabase(file)
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2)
      expect(db.prepare('SELECT id, status, status_reason, attempt_count FROM deliveries').all()).toEqual([
        { id: 'dlv_1', status: 'pending', status_reason: null, attempt_count: 1 }
      ])
      expect(db.prepare('SELECT id FROM attempts').all()).toEqual([{ id: 'att_1' }])
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      db.prepare(`UPDATE deliveries SET status = 'cancelled' WHERE id = 'dlv_1'`).run()
      db.prepare(`UPDATE deliveries SET status = 'paused' WHERE id = 'dlv_1'`).run()
      // The cascade still works on the rebuilt table.
      db.prepare(`DELETE FROM messages`).run()
      expect(db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })
})
