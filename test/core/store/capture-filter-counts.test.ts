/**
 * Filters and counts from the per-combination counts of migration 8: the page and total of
 * every filter combination equal a plain query over `captures`, through inserts, deletes and
 * reply updates; a combination nobody has never reads `captures`; a schema-7 database gets
 * its counts on opening.
 */
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../../src/core/store/database'
import { migrations } from '../../../src/core/store/migrations'
import { createCapturesRepo, type CapturesRepo } from '../../../src/core/receiver/captures-repo'
import type { NewCaptureRow } from '../../../src/core/receiver/types'
import type { Db } from '../../../src/core/store/database'
import type { CaptureFilter } from '../../../src/shared/models'
import { closeTempDbs, tempDb } from '../temp-db'
import { syntheticCapture } from '../../../bench/synthetic-captures'

afterEach(() => closeTempDbs())

const LISTENERS = ['lst_a', 'lst_b', 'lst_c', 'lst_d']
const EVENTS = [null, 'submission.approved', 'invitation.sent', 'check.completed']
const STATUSES = [null, 200, 500]

/** Small rows whose five filter values vary independently (NULLs included, as imports have). */
function row(i: number): NewCaptureRow {
  const base = syntheticCapture(i, { listenerIds: LISTENERS })
  return {
    ...base,
    body: Buffer.from(`{"n":${i}}`),
    listener_id: i % 5 === 4 ? null : LISTENERS[i % 4],
    source: i % 5 === 4 ? 'import' : 'listener',
    event: EVENTS[(i >> 1) % EVENTS.length],
    signature_status: ['valid', 'invalid', 'missing'][(i >> 2) % 3],
    schema_status: ['valid', 'invalid'][(i >> 3) % 2],
    response_status: STATUSES[(i >> 4) % STATUSES.length]
  }
}

function filters(): CaptureFilter[] {
  const out: CaptureFilter[] = []
  for (const listenerId of [undefined, 'lst_a', 'lst_d', 'lst_none'])
    for (const event of [undefined, 'submission.approved', 'check.completed'])
      for (const signature of [undefined, 'invalid'] as const)
        for (const schema of [undefined, 'invalid'] as const)
          for (const responseStatus of [undefined, 500, 404]) out.push({ listenerId, event, signature, schema, responseStatus })
  return out.map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)))
}

/** The same question asked the plain way. */
function expected(db: Db, f: CaptureFilter, limit: number) {
  const clauses: string[] = []
  const params: unknown[] = []
  for (const [col, v] of [
    ['listener_id', f.listenerId],
    ['event', f.event],
    ['signature_status', f.signature],
    ['schema_status', f.schema],
    ['response_status', f.responseStatus]
  ] as const) {
    if (v === undefined) continue
    clauses.push(`${col} = ?`)
    params.push(v)
  }
  const where = (extra: string[]) => ([...clauses, ...extra].length ? `WHERE ${[...clauses, ...extra].join(' AND ')}` : '')
  const paged = f.beforeSeq === undefined ? [] : ['seq < ?']
  const pagedParams = f.beforeSeq === undefined ? params : [...params, f.beforeSeq]
  const seqs = db.prepare(`SELECT seq FROM captures ${where(paged)} ORDER BY seq DESC LIMIT ${limit}`).pluck().all(...pagedParams)
  const total = db.prepare(`SELECT COUNT(*) FROM captures ${where([])}`).pluck().get(...params) as number
  return { seqs, total }
}

function expectSameAsPlainQueries(db: Db, repo: CapturesRepo): void {
  for (const f of filters()) {
    for (const paging of [{}, { beforeSeq: 300 }]) {
      const filter = { ...f, ...paging }
      const got = repo.list({ ...filter, limit: 7 })
      const want = expected(db, filter, 7)
      const label = JSON.stringify(filter)
      expect(got.items.map((c) => c.seq), label).toEqual(want.seqs)
      expect(got.total, label).toBe(want.total)
      expect(got.totalCapped, label).toBe(false)
    }
  }
  // The counts themselves: one row per combination present, none at zero.
  expect(db.prepare('SELECT SUM(n) FROM capture_filter_counts').pluck().get() ?? 0).toBe(db.prepare('SELECT COUNT(*) FROM captures').pluck().get())
  expect(db.prepare('SELECT COUNT(*) FROM capture_filter_counts WHERE n <= 0').pluck().get()).toBe(0)
}

describe('filter pages and totals from the per-combination counts', () => {
  it('equal plain queries for every combination, through inserts, deletes and reply updates', () => {
    const { db } = tempDb()
    const repo = createCapturesRepo(db)
    db.transaction(() => {
      for (let i = 0; i < 480; i++) repo.insert(row(i))
    })()
    expectSameAsPlainQueries(db, repo)

    // A reply recorded later changes the status a capture is filtered by.
    const ids = db.prepare('SELECT id FROM captures WHERE seq % 9 = 0').pluck().all() as string[]
    for (const id of ids) repo.setOutcome(id, { response: { mode: 'reply', status: 404, headers: [], body: '', delayMs: 0 }, forward: null })
    repo.deleteIds(db.prepare('SELECT id FROM captures WHERE seq % 7 = 0').pluck().all() as string[])
    repo.clearListener('lst_b')
    expectSameAsPlainQueries(db, repo)
    expect(repo.list({ responseStatus: 404, limit: 1 }).total).toBeGreaterThan(0)

    repo.clearAll()
    expect(db.prepare('SELECT COUNT(*) FROM capture_filter_counts').pluck().get()).toBe(0)
    expect(repo.list({ event: 'check.completed', limit: 5 })).toEqual({ items: [], total: 0, totalCapped: false })
  })

  it('answers a combination nobody has without reading captures, and merges index walks for the others', () => {
    const { db } = tempDb()
    const repo = createCapturesRepo(db)
    db.transaction(() => {
      for (let i = 0; i < 200; i++) repo.insert(row(i))
    })()
    db.exec('ANALYZE')
    const none = repo.plan({ listenerId: 'lst_a', event: 'no.such.event', limit: 100 })
    expect(none.page.some((l) => /\bcaptures\b/.test(l) && !l.includes('captures is not read'))).toBe(false)
    expect(none.count.some((l) => /\bcaptures\b/.test(l))).toBe(false)

    const some = repo.plan({ signature: 'invalid', responseStatus: 500, limit: 100 })
    const page = some.page.join('\n')
    expect(page).toMatch(/MERGE \(UNION ALL\)/)
    expect(page).toMatch(/SEARCH captures USING COVERING INDEX captures_by_filters \(listener_id=\? AND event=\? AND signature_status=\? AND schema_status=\? AND response_status=\? AND rowid<\?\)/)
    expect(page).not.toMatch(/TEMP B-TREE|SCAN captures/)
    expect(some.count.some((l) => /\bcaptures\b/.test(l))).toBe(false)
  })
})

describe('migration 8: per-combination counts', () => {
  it('counts the captures of a schema-7 database and drops the single-column filter indexes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-counts-'))
    try {
      const file = path.join(dir, 'workbench.sqlite')
      const v7 = new Database(file)
      for (const m of migrations.filter((x) => x.version <= 7)) v7.exec(m.sql)
      v7.pragma('user_version = 7')
      const insert = v7.prepare(
        `INSERT INTO captures (id, listener_id, source, received_at, method, path, query, http_version, remote_address,
          headers, body, body_size, body_sha256, body_truncated, event, signature_status, signature_verdict,
          schema_status, schema_verdict, duplicate_of, response, response_status, forward)
         VALUES (@id, @listener_id, @source, @received_at, @method, @path, @query, @http_version, @remote_address,
          @headers, @body, @body_size, @body_sha256, @body_truncated, @event, @signature_status, @signature_verdict,
          @schema_status, @schema_verdict, @duplicate_of, @response, @response_status, @forward)`
      )
      v7.transaction(() => {
        for (let i = 0; i < 300; i++) insert.run(row(i))
      })()
      v7.close()

      const db = openDatabase(file)
      try {
        const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'captures'").pluck().all()
        expect(indexes).toContain('captures_by_filters')
        expect(indexes).not.toContain('captures_by_event')
        expectSameAsPlainQueries(db, createCapturesRepo(db))
      } finally {
        db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
