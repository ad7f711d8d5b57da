/**
 * The sender's fast path (issue 10): pooled keep-alive connections, sends and attempt rows
 * committed in groups, and no worker round after a plain success. Speed itself lives in
 * bench/sender.ts; these check that the shortcuts keep the rules: rows before requests,
 * every attempt logged, a failing write failing only its own caller.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { AddressInfo } from 'node:net'
import { checkpointStats, openDatabase } from '../../../src/core/store/database'
import { groupCommit } from '../../../src/core/sender/group-commit'
import { createOutboxRepo } from '../../../src/core/sender/outbox-repo'
import type { NewDelivery, NewMessage } from '../../../src/core/sender/outbox-rows'
import type { Delivery } from '../../../src/shared/models'
import { openHarness, startServer, tempDir, type Harness } from './harness'

const harnesses: Harness[] = []
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  for (const h of harnesses.splice(0)) {
    await h.close()
    fs.rmSync(h.dir, { recursive: true, force: true })
  }
})

/** A sink that counts TCP connections and, on each request, asks `onRequest` what is stored. */
async function countingSink(onRequest: (body: string) => void = () => undefined): Promise<{ url: string; connections(): number; requests(): number }> {
  let connections = 0
  let requests = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests++
      onRequest(Buffer.concat(chunks).toString('utf8'))
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"ok":true}')
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, connections: () => connections, requests: () => requests }
}

const endpointInput = (url: string) => ({ name: 'Sink', url, allowLocalHttp: true, active: true, headers: [], timeoutMs: 10_000, insecureTls: false })
const body = (i: number) => JSON.stringify({ event: 'submission.created', timestamp: '2026-01-02T03:04:05Z', data: { n: i }, tenantId: 't_1' })

describe('sender fast path', () => {
  it('reuses one keep-alive connection for consecutive deliveries to the same endpoint', async () => {
    const h = await openHarness()
    harnesses.push(h)
    const sink = await countingSink()
    const ep = await h.sender.endpoints.create(endpointInput(sink.url))
    for (let i = 0; i < 5; i++) {
      const r = await h.sender.send.event({ event: 'submission.created', body: body(i), endpointIds: [ep.id], origin: 'cli' })
      expect(r.deliveries[0].status).toBe('success')
    }
    expect(sink.requests()).toBe(5)
    // Before: a new Agent (and connection) per attempt, so 5.
    expect(sink.connections()).toBe(1)
  })

  it('stores every message and delivery before its request leaves, and logs every attempt, for 40 concurrent sends', async () => {
    const h = await openHarness()
    harnesses.push(h)
    const reader = new Database(h.dbFile, { readonly: true })
    cleanups.push(() => {
      reader.close()
    })
    const missing: string[] = []
    const stored = reader.prepare(
      `SELECT COUNT(*) AS n FROM messages m JOIN deliveries d ON d.message_id = m.id WHERE CAST(m.body AS TEXT) = ?`
    )
    const sink = await countingSink((text) => {
      // Another connection sees only committed rows: the outbox must be there already.
      if ((stored.get(text) as { n: number }).n !== 1) missing.push(text)
    })
    const ep = await h.sender.endpoints.create(endpointInput(sink.url))
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => h.sender.send.event({ event: 'submission.created', body: body(i), endpointIds: [ep.id], origin: 'cli' }))
    )
    expect(missing).toEqual([])
    expect(results.every((r) => r.deliveries[0].status === 'success')).toBe(true)
    expect(sink.requests()).toBe(40)
    const attempts = reader.prepare(`SELECT COUNT(*) AS n FROM attempts WHERE outcome = 'success'`).get() as { n: number }
    expect(attempts.n).toBe(40)
    const log = await h.sender.deliveries.list({ limit: 100 })
    expect(log.total).toBe(40)
    expect(log.items.every((d) => d.status === 'success' && d.attemptCount === 1)).toBe(true)
  })
  it('moves WAL checkpoints off the event loop once it commits, so no send waits for a checkpoint inside its commit', async () => {
    const h = await openHarness()
    harnesses.push(h)
    const sink = await countingSink()
    const ep = await h.sender.endpoints.create(endpointInput(sink.url))
    // Before: only the capture writer did this; the sender's commits ran SQLite's own checkpoint (copy + fsync).
    expect(checkpointStats(h.db)).toBeNull()
    await h.sender.send.event({ event: 'submission.created', body: body(0), endpointIds: [ep.id], origin: 'cli' })
    expect(checkpointStats(h.db)).not.toBeNull()
  })

  it('reports each delivery exactly as stored: the events of a send and its result match the row read back', async () => {
    const h = await openHarness({ retryScheduleMs: [60_000] })
    harnesses.push(h)
    const server = await startServer((req, _i, res) => {
      res.writeHead(req.url === '/fail' ? 500 : 200, { 'Content-Type': 'text/plain' })
      res.end(req.url === '/fail' ? 'down for maintenance' : 'ok')
    })
    cleanups.push(() => server.close())
    // The delivery's fields as stored right now, in the shape of the event.
    const asStored = async (d: Delivery): Promise<Delivery> => {
      const stored = await h.sender.deliveries.get({ id: d.id })
      return Object.fromEntries(Object.keys(d).map((k) => [k, stored[k as keyof Delivery]])) as unknown as Delivery
    }
    const seen: Array<{ event: Delivery; stored: Promise<Delivery> }> = []
    // Read synchronously when the event is emitted: nothing else can change the row in between.
    h.bus.on('delivery.updated', (d) => seen.push({ event: structuredClone(d), stored: asStored(d) }))
    const ok = await h.sender.endpoints.create(endpointInput(`${server.url}/ok`))
    const failing = await h.sender.endpoints.create(endpointInput(`${server.url}/fail`))
    const once = await h.sender.deliver({ body: Buffer.from(body(1)), event: 'submission.created', signature: null, endpointIds: [failing.id], origin: { kind: 'cli', id: null }, retryScheduleMs: [] })
    const result = await h.sender.send.event({ event: 'submission.created', body: body(2), endpointIds: [ok.id, failing.id], origin: 'compose' })
    const statuses = [...once.deliveries, ...result.deliveries].map((d) => d.status)
    expect(statuses).toEqual(['error', 'success', 'pending'])
    for (const d of [...once.deliveries, ...result.deliveries]) expect(d).toEqual(await asStored(d))
    // Each delivery: once stored (pending, claimed), once after its attempt (the two attempts of a send finish in either order).
    const statusesOf = (id: string): string[] => seen.filter((s) => s.event.id === id).map((s) => s.event.status)
    expect(statusesOf(once.deliveries[0].id)).toEqual(['pending', 'error'])
    expect(statusesOf(result.deliveries[0].id)).toEqual(['pending', 'success'])
    expect(statusesOf(result.deliveries[1].id)).toEqual(['pending', 'pending'])
    expect(seen).toHaveLength(6)
    for (const s of seen) expect(s.event).toEqual(await s.stored)
  })
})

describe('groupCommit', () => {
  it('commits writes made in the same turn together, and a failing write fails only its caller', async () => {
    const dir = tempDir()
    const db = openDatabase(path.join(dir, 'g.sqlite'))
    cleanups.push(() => {
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)')
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
    const write = groupCommit(db, (v: string) => {
      insert.run(v)
      if (v === 'bad') insert.run('a') // a second row that violates UNIQUE: this write must roll back whole
      return v.toUpperCase()
    })
    const results = await Promise.allSettled([write('a'), write('bad'), write('c')])
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'A' })
    expect(results[1].status).toBe('rejected')
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'C' })
    expect((db.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v)).toEqual(['a', 'c'])
    // After the batch, a new write starts a new group.
    await expect(write('d')).resolves.toBe('D')
  })

  it('keeps an outbox write all-or-nothing, alone and inside a group commit', async () => {
    const dir = tempDir()
    const db = openDatabase(path.join(dir, 'o.sqlite'))
    cleanups.push(() => {
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    const repo = createOutboxRepo(db)
    const message = (id: string): NewMessage => ({ id, event: 'submission.created', body: Buffer.from('{}'), signature: null, createdAt: '2026-01-01T00:00:00.000Z', origin: { kind: 'cli', id: null } })
    const delivery = (id: string): NewDelivery => ({ id, endpointId: null, endpointName: 'ad hoc', url: 'http://127.0.0.1:9/', requestHeaders: [], timeoutMs: 1000, insecureTls: false, caFile: null, retryScheduleMs: [] })
    const count = (): number => (db.prepare('SELECT (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM deliveries) AS n').get() as { n: number }).n
    // The second delivery reuses the first one's id: the message and the first delivery must not stay either.
    expect(() => repo.createMessage(message('msg_1'), [delivery('dlv_1'), delivery('dlv_1')])).toThrow(/UNIQUE/)
    expect(count()).toBe(0)
    const store = groupCommit(db, (args: { m: NewMessage; d: NewDelivery[] }) => repo.createMessage(args.m, args.d))
    const results = await Promise.allSettled([
      store({ m: message('msg_2'), d: [delivery('dlv_2')] }),
      store({ m: message('msg_3'), d: [delivery('dlv_3'), delivery('dlv_3')] }),
      store({ m: message('msg_4'), d: [delivery('dlv_4')] })
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((db.prepare('SELECT id FROM messages ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual(['msg_2', 'msg_4'])
    expect(count()).toBe(4)
  })

  it('shares one batch between the group commits of one database, and a failing write still fails only its caller', async () => {
    const dir = tempDir()
    const db = openDatabase(path.join(dir, 'g.sqlite'))
    cleanups.push(() => {
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE); CREATE TABLE u (v TEXT NOT NULL UNIQUE)')
    const intoT = db.prepare('INSERT INTO t (v) VALUES (?)')
    const intoU = db.prepare('INSERT INTO u (v) VALUES (?)')
    const writeT = groupCommit(db, (v: string) => intoT.run(v).changes)
    const writeU = groupCommit(db, (v: string) => {
      intoU.run(v)
      if (v === 'bad') intoU.run('x') // violates UNIQUE after the first row: this write must roll back whole
      return v
    })
    const results = await Promise.allSettled([writeT('a'), writeU('x'), writeU('bad'), writeT('b')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseFulfilledResult<string>).value).toBe('x')
    expect((db.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v)).toEqual(['a', 'b'])
    expect((db.prepare('SELECT v FROM u ORDER BY v').all() as { v: string }[]).map((r) => r.v)).toEqual(['x'])
  })
})
