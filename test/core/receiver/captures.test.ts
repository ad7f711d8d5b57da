import { afterEach, describe, expect, it } from 'vitest'
import https from 'node:https'
import { createHmac } from 'node:crypto'
import Database from 'better-sqlite3'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { methods } from '../../../src/shared/contract'
import type { ImportedCapture } from '../../../src/core/receiver/types'

afterEach(cleanupAll)

describe('receiver: captures service', () => {
  it('lists newest first with filters, free text over path/body/event/id, paging by seq and a total', async () => {
    const h = await harness()
    const a = await h.listen({ protocol: 'http' })
    const b = await h.listen({ protocol: 'http' })
    const send = (port: number, path: string, body: string) => rawExchange(port, null, httpRequest('POST', path, [], Buffer.from(body)))
    await send(a.port, '/one', '{"event":"invitation.sent","note":"needle_100%"}')
    await send(a.port, '/two', 'plain text')
    await send(b.port, '/three', '{"event":"aml.match.found"}')
    await send(a.port, '/needle-path', '{}')

    const all = await h.receiver.captures.list(methods['captures.list'].input.parse({}))
    expect(all.total).toBe(4)
    expect(all.items.map((i) => i.path)).toEqual(['/needle-path', '/three', '/two', '/one'])

    const onA = await h.receiver.captures.list({ listenerId: a.id, limit: 10 })
    expect(onA.total).toBe(3)
    expect((await h.receiver.captures.list({ q: 'needle', limit: 10 })).items.map((i) => i.path)).toEqual(['/needle-path', '/one'])
    // LIKE wildcards in the query are literal.
    expect((await h.receiver.captures.list({ q: '100%', limit: 10 })).items.map((i) => i.path)).toEqual(['/one'])
    expect((await h.receiver.captures.list({ q: 'needle_', limit: 10 })).items.map((i) => i.path)).toEqual(['/one'])
    expect((await h.receiver.captures.list({ q: 'aml.match', limit: 10 })).items.map((i) => i.path)).toEqual(['/three'])
    expect((await h.receiver.captures.list({ q: all.items[2].id, limit: 10 })).items.map((i) => i.path)).toEqual(['/two'])
    expect((await h.receiver.captures.list({ event: 'invitation.sent', limit: 10 })).total).toBe(1)
    expect((await h.receiver.captures.list({ schema: 'not-json', limit: 10 })).items.map((i) => i.path)).toEqual(['/two'])
    expect((await h.receiver.captures.list({ signature: 'missing', limit: 10 })).total).toBe(4)
    expect((await h.receiver.captures.list({ responseStatus: 200, limit: 10 })).total).toBe(4)

    const page1 = await h.receiver.captures.list({ limit: 2 })
    const page2 = await h.receiver.captures.list({ limit: 2, beforeSeq: page1.items[1].seq })
    expect(page1.items.map((i) => i.path)).toEqual(['/needle-path', '/three'])
    expect(page2.items.map((i) => i.path)).toEqual(['/two', '/one'])
    expect(page2.total).toBe(4)
  })

  it('get refuses an unknown id; delete and clear remove rows and announce it', async () => {
    const h = await harness()
    const a = await h.listen({ protocol: 'http' })
    const b = await h.listen({ protocol: 'http' })
    for (const port of [a.port, a.port, b.port, b.port]) await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('same')))
    await expect(h.receiver.captures.get({ id: 'cap_missing' })).rejects.toThrow(/capture "cap_missing" does not exist/)

    const items = (await h.receiver.captures.list({ limit: 10 })).items
    const first = items[items.length - 1]
    expect(await h.receiver.captures.delete({ ids: [first.id, 'cap_missing'] })).toEqual({ deleted: 1 })
    expect(eventsOf(h, 'captures.deleted')).toEqual([{ ids: [first.id], all: false }])

    // The remembered "first capture with this body" was deleted: the next one must not point at it.
    await rawExchange(a.port, null, httpRequest('POST', '/', [], Buffer.from('same')))
    const [latest] = (await h.receiver.captures.list({ limit: 1 })).items
    expect(latest.duplicateOf).not.toBe(first.id)
    expect(latest.duplicateOf).toBe(items[items.length - 2].id)

    expect(await h.receiver.captures.clear({ listenerId: b.id })).toEqual({ deleted: 2 })
    expect((await h.receiver.captures.list({ limit: 10 })).total).toBe(2)
    expect(await h.receiver.captures.clear({})).toEqual({ deleted: 2 })
    expect(eventsOf(h, 'captures.deleted').at(-1)).toEqual({ ids: [], all: true })
    expect((await h.receiver.captures.list({ limit: 10 })).total).toBe(0)
  })

  it('insertImported records imports with verdicts from the API secrets, and getCaptures returns them oldest first', async () => {
    const h = await harness()
    const secret = (await h.credentials.create({})).secret as string
    const body = Buffer.from('{"event":"submission.created"}')
    const record = (over: Partial<ImportedCapture>): ImportedCapture => ({
      receivedAt: '2026-01-01T00:00:00.000Z',
      method: 'POST',
      path: '/imported',
      query: 'a=1',
      httpVersion: '1.1',
      remoteAddress: '10.0.0.1',
      headers: [['X-SmartKYC-Signature', createHmac('sha256', secret).update(body).digest('hex')]],
      body,
      responseStatus: 200,
      responseHeaders: [['Content-Type', 'text/plain']],
      responseBody: 'ok',
      ...over
    })
    const ids = h.receiver.insertImported([record({}), record({ path: '/second', headers: [] })])
    expect(ids).toHaveLength(2)
    const [first, second] = h.receiver.getCaptures(ids)
    expect(first).toMatchObject({ id: ids[0], source: 'import', listenerId: null, signature: 'valid', query: 'a=1', responseStatus: 200 })
    expect(first.response).toEqual({ mode: 'reply', status: 200, headers: [['Content-Type', 'text/plain']], body: 'ok', delayMs: 0 })
    expect(second).toMatchObject({ path: '/second', signature: 'missing', duplicateOf: ids[0] })
    expect(eventsOf(h, 'capture.received').map((c) => c.id)).toEqual(ids)
    expect(h.receiver.getCaptures().map((c) => c.id)).toEqual(ids)
  })

  it('200 concurrent requests: 200 rows, every one answered 200 with its row already readable', async () => {
    const h = await harness()
    const { port } = await h.listen()
    const ca = (await h.localTls()).caCertPem
    // A second connection sees only committed rows.
    const reader = new Database(h.dbFile, { readonly: true })
    const count = reader.prepare('SELECT COUNT(*) AS n FROM captures')
    const agent = new https.Agent({ keepAlive: true, maxSockets: 50, ca })
    let answered = 0
    let violations = 0
    try {
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          new Promise<number>((resolve, reject) => {
            const req = https.request(
              { host: '127.0.0.1', port, method: 'POST', path: `/c/${i}`, agent, servername: 'localhost', headers: { 'content-type': 'application/json' } },
              (res) => {
                answered++
                // At the moment the k-th answer arrives, at least k rows must be on disk.
                if ((count.get() as { n: number }).n < answered) violations++
                res.resume()
                res.on('end', () => resolve(res.statusCode ?? 0))
              }
            )
            req.on('error', reject)
            req.end(JSON.stringify({ i }))
          })
        )
      )
      expect(statuses.every((s) => s === 200)).toBe(true)
      expect(violations).toBe(0)
      expect((count.get() as { n: number }).n).toBe(200)
      const paths = new Set((await h.receiver.captures.list({ limit: 1000 })).items.map((c) => c.path))
      expect(paths.size).toBe(200)
    } finally {
      agent.destroy()
      reader.close()
    }
  })

  it('never acknowledges a capture that could not be committed: 503, and 200 again once the database is writable', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    // Another connection holds the write lock, so the group commit fails after busy_timeout.
    const locker = new Database(h.dbFile)
    locker.exec('BEGIN IMMEDIATE')
    try {
      const res = await rawExchange(port, null, httpRequest('POST', '/blocked', [], Buffer.from('{}')))
      expect(res.status).toBe(503)
      const error = JSON.parse(res.body.toString()).error as string
      expect(error).toMatch(/could not be saved/)
      // A short generic text: SQLite's own message ("database is locked") is for the log only.
      expect(error).not.toMatch(/locked|SQLITE/i)
    } finally {
      locker.exec('ROLLBACK')
      locker.close()
    }
    expect(eventsOf(h, 'capture.received')).toHaveLength(0)
    const ok = await rawExchange(port, null, httpRequest('POST', '/after', [], Buffer.from('{}')))
    expect(ok.status).toBe(200)
    expect((await h.receiver.captures.list({ limit: 10 })).items.map((i) => i.path)).toEqual(['/after'])
  })
})
