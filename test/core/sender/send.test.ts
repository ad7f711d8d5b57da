import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { USER_AGENT } from '../../../src/core/version'
import { methods } from '../../../src/shared/contract'
import { WorkbenchError } from '../../../src/shared/errors'
import { eventsOf, header, hmacHex, openHarness, startServer, type Harness, type TestServer } from './harness'

const harnesses: Harness[] = []
const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  for (const h of harnesses.splice(0)) {
    await h.close()
    fs.rmSync(h.dir, { recursive: true, force: true })
  }
})

async function setup(options: Parameters<typeof openHarness>[0] = {}): Promise<Harness> {
  const h = await openHarness(options)
  harnesses.push(h)
  return h
}
async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...args)
  servers.push(s)
  return s
}

// Non-ASCII and odd spacing on purpose: the bytes must travel untouched.
const BODY = '{"event":"submission.created",  "timestamp":"2026-01-02T03:04:05Z","data":{"customerEmail":"zoë@example.com"},"tenantId":"t_1"}'

describe('endpoints', () => {
  it('creates, updates, lists and removes endpoints and says so on the bus', async () => {
    const h = await setup()
    const created = await h.sender.endpoints.create({
      name: 'Local handler',
      url: 'http://localhost:3000/hooks',
      allowLocalHttp: true,
      headers: [['Authorization', 'Bearer t']],
      active: true,
      timeoutMs: 5000,
      insecureTls: false
    })
    expect(created.id).toMatch(/^ep_/)
    const updated = await h.sender.endpoints.update({ id: created.id, patch: { active: false } })
    // The Authorization value leaves the engine masked, and is kept as stored.
    expect(updated).toMatchObject({ active: false, url: 'http://localhost:3000/hooks', headers: [['Authorization', '[masked: 8 characters]']] })
    expect(await h.sender.endpoints.list({})).toEqual([updated])
    expect(await h.sender.endpoints.revealHeaders({ id: created.id })).toEqual({ headers: [['Authorization', 'Bearer t']] })
    await expect(h.sender.endpoints.update({ id: created.id, patch: { allowLocalHttp: false } })).rejects.toThrow(
      'http://localhost:3000/hooks is not HTTPS'
    )
    await expect(
      h.sender.endpoints.update({ id: created.id, patch: { headers: [['X-SmartKYC-Signature', 'forged']] } })
    ).rejects.toThrow(/custom header X-SmartKYC-Signature cannot be set/)
    expect((await h.sender.endpoints.remove({ id: created.id })).ok).toBe(true)
    expect(await h.sender.endpoints.list({})).toEqual([])
    await expect(h.sender.endpoints.remove({ id: created.id })).rejects.toThrow(/does not exist/)
    expect(eventsOf(h, 'endpoints.changed').length).toBe(3)
  })

  it('refuses an endpoint that is not HTTPS', async () => {
    const h = await setup()
    await expect(
      h.sender.endpoints.create({ name: 'x', url: 'http://example.com/hook', active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: false, insecureTls: false })
    ).rejects.toThrow(
      'http://example.com/hook is not HTTPS: Smart KYC only delivers to HTTPS URLs; use https:// or, for a local handler, allow http://localhost'
    )
  })
})

describe('send.event', () => {
  it('writes the outbox, then POSTs the exact bytes with the standard headers in order', async () => {
    const h = await setup()
    const s = await server()
    const ep = await h.sender.endpoints.create({
      name: 'Handler',
      url: `${s.url}/webhooks?x=1`,
      allowLocalHttp: true,
      headers: [['Authorization', 'Bearer t'], ['X-Trace', 'a'], ['X-Trace', 'b']],
      active: true,
      timeoutMs: 10_000,
      insecureTls: false
    })
    const result = await h.sender.send.event({ event: 'submission.created', body: BODY, origin: 'compose' })

    expect(result.signature).toBe(hmacHex(Buffer.from(BODY, 'utf8'), h.secret))
    expect(result.deliveries).toHaveLength(1)
    expect(result.deliveries[0]).toMatchObject({
      endpointId: ep.id,
      endpointName: 'Handler',
      status: 'success',
      attemptCount: 1,
      maxAttempts: 5,
      lastResponseCode: 200,
      lastResponse: '{"received":true}',
      lastError: null,
      nextAttemptAt: null,
      event: 'submission.created',
      origin: { kind: 'compose', id: null }
    })

    expect(s.requests).toHaveLength(1)
    const req = s.requests[0]
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/webhooks?x=1')
    expect(req.body.equals(Buffer.from(BODY, 'utf8'))).toBe(true)
    expect(header(req, 'X-SmartKYC-Signature')).toBe(hmacHex(req.body, h.secret))
    // Our headers in our order and case; undici's connection headers around them.
    const ours = req.headers.filter(([n]) => !['host', 'connection', 'content-length'].includes(n.toLowerCase()))
    expect(ours).toEqual([
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', result.signature],
      ['User-Agent', USER_AGENT],
      ['Authorization', 'Bearer t'],
      ['X-Trace', 'a'],
      ['X-Trace', 'b']
    ])
    expect(header(req, 'content-length')).toBe(String(Buffer.byteLength(BODY)))

    // The outbox rows: the message holds the bytes, the attempt what was sent and answered.
    const detail = await h.sender.deliveries.get({ id: result.deliveries[0].id })
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(Buffer.from(BODY, 'utf8'))).toBe(true)
    expect(detail.signature).toBe(result.signature)
    expect(detail.attempts).toHaveLength(1)
    expect(detail.attempts[0]).toMatchObject({
      number: 1,
      requestUrl: `${s.url}/webhooks?x=1`,
      responseCode: 200,
      responseTruncated: false,
      error: null,
      outcome: 'success'
    })
    expect(detail.attempts[0].requestHeaders).toEqual(ours)
    expect(detail.attempts[0].responseHeaders).toContainEqual(['Content-Type', 'application/json'])
    expect(Buffer.from(detail.attempts[0].responseBodyBase64, 'base64').toString()).toBe('{"received":true}')

    // What the dispatcher will check on the way out.
    expect(() => methods['send.event'].output.parse(result)).not.toThrow()
    expect(() => methods['deliveries.get'].output.parse(detail)).not.toThrow()
    expect(() => methods['deliveries.list'].output.parse({ items: [result.deliveries[0]], total: 1 })).not.toThrow()

    const updates = eventsOf(h, 'delivery.updated')
    expect(updates.map((d) => d.status)).toEqual(['pending', 'success'])
    expect(eventsOf(h, 'attempt.finished').map((a) => a.outcome)).toEqual(['success'])
  })

  it('sends to every active endpoint when no target is named, each signed the same', async () => {
    const h = await setup()
    const a = await server()
    const b = await server()
    const c = await server()
    const base = { active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }
    await h.sender.endpoints.create({ ...base, name: 'A', url: a.url })
    await h.sender.endpoints.create({ ...base, name: 'B', url: b.url })
    await h.sender.endpoints.create({ ...base, name: 'C (off)', url: c.url, active: false })
    const result = await h.sender.send.event({ event: 'aml.match.found', body: BODY, origin: 'cli' })
    expect(result.deliveries.map((d) => d.endpointName).sort()).toEqual(['A', 'B'])
    expect(a.requests).toHaveLength(1)
    expect(b.requests).toHaveLength(1)
    expect(c.requests).toHaveLength(0)
    for (const req of [...a.requests, ...b.requests]) expect(header(req, 'x-smartkyc-signature')).toBe(hmacHex(req.body, h.secret))
  })

  it('sends to ad-hoc targets with their own headers and a chosen secret', async () => {
    const h = await setup()
    const s = await server()
    const result = await h.sender.send.event({
      event: 'invitation.sent',
      body: BODY,
      to: [{ url: `${s.url}/adhoc`, headers: [['X-API-Key', 'k']], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
      secret: 'other-secret',
      origin: 'cli'
    })
    expect(result.deliveries[0]).toMatchObject({ endpointId: null, endpointName: 'ad hoc', status: 'success' })
    expect(header(s.requests[0], 'X-SmartKYC-Signature')).toBe(hmacHex(s.requests[0].body, 'other-secret'))
    expect(header(s.requests[0], 'X-API-Key')).toBe('k')
  })

  it('says what to do when there is no secret or no target', async () => {
    const h = await setup({ createSecret: false })
    const err = await h.sender.send.event({ event: 'submission.created', body: BODY, origin: 'cli' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkbenchError)
    expect((err as Error).message).toBe('no API secret yet: create credentials (kyc-hooks credentials create) or pass --secret')
    await expect(h.sender.send.event({ event: 'submission.created', body: BODY, secret: 's', origin: 'cli' })).rejects.toThrow(
      'no active endpoint: add one or pass --to URL'
    )
    await expect(
      h.sender.send.event({ event: 'submission.created', body: BODY, secret: 's', endpointIds: ['ep_nope'], origin: 'cli' })
    ).rejects.toThrow(/endpoint "ep_nope" does not exist/)
    await expect(
      h.sender.send.event({
        event: 'submission.created',
        body: BODY,
        secret: 's',
        to: [{ url: 'http://example.com/x', headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
        origin: 'cli'
      })
    ).rejects.toThrow(/http:\/\/example.com\/x is not HTTPS/)
    // Nothing reached the outbox for refused sends.
    expect((await h.sender.deliveries.list({ limit: 200 })).total).toBe(0)
  })

  it('keeps past deliveries readable after their endpoint is removed', async () => {
    const h = await setup()
    const s = await server()
    const ep = await h.sender.endpoints.create({ name: 'Gone soon', url: s.url, active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false })
    const result = await h.sender.send.event({ event: 'submission.created', body: BODY, origin: 'compose' })
    await h.sender.endpoints.remove({ id: ep.id })
    const detail = await h.sender.deliveries.get({ id: result.deliveries[0].id })
    expect(detail).toMatchObject({ endpointName: 'Gone soon', endpointId: ep.id, url: s.url, status: 'success' })
  })

  it('keeps at most 256 KiB of a response body and flags the rest', async () => {
    const h = await setup()
    const big = Buffer.alloc(300 * 1024, 'a')
    const s = await server((_r, _i, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end(big)
    })
    const result = await h.sender.send.event({
      event: 'submission.created',
      body: BODY,
      to: [{ url: s.url, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
      origin: 'cli'
    })
    const detail = await h.sender.deliveries.get({ id: result.deliveries[0].id })
    expect(detail.attempts[0].responseTruncated).toBe(true)
    expect(Buffer.from(detail.attempts[0].responseBodyBase64, 'base64').length).toBe(256 * 1024)
    expect(detail.lastResponse?.length).toBe(1024)
  })
})
