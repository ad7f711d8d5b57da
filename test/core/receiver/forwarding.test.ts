import { afterEach, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { forwardUrl } from '../../../src/core/receiver/forwarder'

interface Seen {
  method: string
  url: string
  headers: string[]
  body: Buffer
}

const apps: http.Server[] = []
afterEach(async () => {
  for (const s of apps.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
  await cleanupAll()
})

/** The user's app: records exactly what arrived and answers as told. */
async function app(answer: (res: http.ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.rawHeaders, body: Buffer.concat(chunks) })
      answer(res)
    })
  })
  apps.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('forwardUrl', () => {
  it('appends the request path below the forward path, and the query', () => {
    expect(forwardUrl('http://localhost:3000/hooks', '/kyc', 'x=1')).toBe('http://localhost:3000/hooks/kyc?x=1')
    expect(forwardUrl('http://localhost:3000/hooks/', '/', '')).toBe('http://localhost:3000/hooks/')
    expect(forwardUrl('http://localhost:3000', '/a/b', '')).toBe('http://localhost:3000/a/b')
  })
})

describe('receiver: forwarding', () => {
  it('forwards the exact bytes and end-to-end headers, relays the app answer, and records it', async () => {
    const h = await harness()
    const target = await app((res) => {
      res.writeHead(201, { 'X-App': 'yes', 'Content-Type': 'application/json' })
      res.end('{"app":"took it"}')
    })
    const { port } = await h.listen({ forwardTo: `${target.url}/app`, rule: { status: 200, body: 'rule body' } })
    const ca = (await h.localTls()).caCertPem
    const body = Buffer.concat([Buffer.from('\ufeff{ "event": "submission.created" }\n', 'utf8'), Buffer.from([0xff, 0x00])])
    const res = await rawExchange(
      port,
      ca,
      httpRequest('POST', '/webhook?id=7', ['Host: localhost', 'X-SmartKYC-Signature: abc', 'Keep-Alive: timeout=5', 'X-Dup: 1', 'x-dup: 2'], body)
    )
    expect(res.status).toBe(201)
    expect(res.body.toString()).toBe('{"app":"took it"}')
    expect(res.headers.find(([n]) => n.toLowerCase() === 'x-app')?.[1]).toBe('yes')

    expect(target.seen).toHaveLength(1)
    const got = target.seen[0]
    expect(got.method).toBe('POST')
    expect(got.url).toBe('/app/webhook?id=7')
    expect(got.body.equals(body)).toBe(true)
    const pairs: [string, string][] = []
    for (let i = 0; i < got.headers.length; i += 2) pairs.push([got.headers[i], got.headers[i + 1]])
    // undici writes Host (rewritten to the target) and Content-Length itself, in lower case.
    expect(pairs).toContainEqual(['host', new URL(target.url).host])
    expect(pairs).toContainEqual(['content-length', String(body.length)])
    expect(pairs).toContainEqual(['X-SmartKYC-Signature', 'abc'])
    const dups = pairs.filter(([n]) => n.toLowerCase() === 'x-dup')
    expect(dups).toEqual([
      ['X-Dup', '1'],
      ['x-dup', '2']
    ])
    expect(pairs.some(([n]) => n.toLowerCase() === 'keep-alive')).toBe(false)

    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.responseStatus).toBe(201)
    expect(capture.response.status).toBe(201)
    expect(capture.forward?.status).toBe(201)
    expect(capture.forward?.url).toBe(`${target.url}/app/webhook?id=7`)
    expect(Buffer.from(capture.forward?.bodyBase64 ?? '', 'base64').toString()).toBe('{"app":"took it"}')
    expect(capture.forward?.error).toBeNull()
    const updated = eventsOf(h, 'capture.updated')
    expect(updated.map((u) => [u.id, u.responseStatus])).toEqual([[item.id, 201]])
  })

  it('answers 502 and records the error when the app is not running', async () => {
    const h = await harness()
    const closed = await app(() => undefined)
    const server = apps.pop() as http.Server
    await new Promise((r) => server.close(r))
    const { port } = await h.listen({ protocol: 'http', forwardTo: closed.url })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('{}')))
    expect(res.status).toBe(502)
    expect(JSON.parse(res.body.toString()).error).toMatch(/ECONNREFUSED/)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.forward?.status).toBeNull()
    expect(capture.forward?.error).toMatch(/ECONNREFUSED: nothing listens on 127\.0\.0\.1:\d+/)
    expect(capture.responseStatus).toBe(502)
  })

  it('a simulated failure wins over the app answer; the forward is still recorded', async () => {
    const h = await harness()
    const target = await app((res) => res.end('fine'))
    const { port } = await h.listen({ protocol: 'http', forwardTo: target.url, rule: { failFirst: 1, failureStatus: 503 } })
    const updated = new Promise((resolve) => h.bus.on('capture.updated', resolve))
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('{}')))
    expect(res.status).toBe(503)
    await updated
    expect(target.seen).toHaveLength(1)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.responseStatus).toBe(503)
    expect(capture.forward?.status).toBe(200)
  })

  it('refuses to forward to itself', async () => {
    const h = await harness()
    const { id, port } = await h.listen({ protocol: 'http' })
    await h.receiver.listeners.update({ id, patch: { forwardTo: `http://127.0.0.1:${port}/` } })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('{}')))
    expect(res.status).toBe(502)
    expect((await h.receiver.captures.list({ limit: 10 })).total).toBe(1)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect((await h.receiver.captures.get({ id: item.id })).forward?.error).toMatch(/loop/)
  })

  it('stopping cancels a forward in progress, answers the committed request, and records why before the database closes', async () => {
    const h = await harness()
    const target = await app(() => undefined) // never answers
    const { port } = await h.listen({ protocol: 'http', forwardTo: target.url })
    const received = new Promise((resolve) => h.bus.on('capture.received', resolve))
    const pending = rawExchange(port, null, httpRequest('POST', '/slow', [], Buffer.from('{}')))
    await received
    while (target.seen.length === 0) await new Promise((r) => setTimeout(r, 20))
    await h.close()
    // The capture was committed, so the sender gets an answer (the forward's 502), not a cut line.
    expect((await pending).status).toBe(502)
    const h2 = await h.reopen()
    const [item] = (await h2.receiver.captures.list({ limit: 1 })).items
    const capture = await h2.receiver.captures.get({ id: item.id })
    expect(capture.forward?.error).toMatch(/cancelled because the listener stopped/)
  })
})
