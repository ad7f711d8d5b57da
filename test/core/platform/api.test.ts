/**
 * The mock platform's REST API over real sockets: authentication (header, query, rotated
 * keys), error shapes (400 naming the field, 404, 405, 409), the operations and the events
 * each causes, pagination, OpenAPI, and invitation expiry surviving a restart.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CreateInvitationBody } from '../../../src/shared/platform-models'
import { openDatabase } from '../../../src/core/store/database'
import { startServer, hmacHex, type TestServer } from '../sender/harness'
import { openPlatformWorkbench, type PlatformWorkbench } from './platform-helpers'

const envs: PlatformWorkbench[] = []
const receivers: TestServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const e of envs.splice(0)) await e.close()
  for (const r of receivers.splice(0)) await r.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function open(options: Parameters<typeof openPlatformWorkbench>[0] = {}): Promise<PlatformWorkbench> {
  const env = await openPlatformWorkbench(options)
  envs.push(env)
  return env
}

/** A webhook receiver registered as the active endpoint; answers 200 and records every request. */
async function withReceiver(env: PlatformWorkbench): Promise<TestServer> {
  const receiver = await startServer()
  receivers.push(receiver)
  await env.wb.endpoints.create({ name: 'receiver', url: `${receiver.url}/hooks`, allowLocalHttp: true, active: true, headers: [], timeoutMs: 10_000, insecureTls: false })
  return receiver
}

function eventsOf(receiver: TestServer): string[] {
  return receiver.requests.map((r) => (JSON.parse(r.body.toString('utf8')) as { event: string }).event)
}

async function call(env: PlatformWorkbench, method: string, path: string, body?: unknown, headers: Record<string, string> = { 'X-API-Key': env.apiKey }) {
  const res = await fetch(`${env.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } } }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('authentication', () => {
  it('takes the key as X-API-Key or ?api_key=, and answers a missing or wrong key 401 with a JSON error', async () => {
    const env = await open()
    expect((await call(env, 'GET', '/invitations')).status).toBe(200)
    const viaQuery = await call(env, 'GET', `/invitations?api_key=${encodeURIComponent(env.apiKey)}`, undefined, {})
    expect(viaQuery.status).toBe(200)

    const missing = await call(env, 'GET', '/invitations', undefined, {})
    expect(missing.status).toBe(401)
    expect(missing.json).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('X-API-Key') } })
    const wrong = await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': `${env.apiKey}x` })
    expect(wrong.status).toBe(401)
    expect(wrong.json.error?.code).toBe('unauthorized')

    // The log masks a key sent in the query string.
    const log = await env.wb.platform.requests({ limit: 10 })
    expect(log.some((l) => l.path.includes(env.apiKey))).toBe(false)
    const viaQueryLog = log.find((l) => l.path.startsWith('/v1/invitations?api_key='))
    expect(viaQueryLog?.status).toBe(200)
    expect(viaQueryLog?.path).toBe(`/v1/invitations?api_key=${env.apiKey.slice(0, 8)}…${env.apiKey.slice(-4)}`)
    expect(log.filter((l) => l.status === 401)).toHaveLength(2)
  })

  it('accepts a rotated key only during its grace period', async () => {
    const env = await open()
    const first = env.apiKey
    const second = (await env.wb.credentials.rotate({ graceHours: 1, newApiKey: true })).apiKey
    expect(second).not.toBe(first)
    expect((await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': first })).status).toBe(200)
    expect((await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': second })).status).toBe(200)

    // Rotating again with no grace: the second key stops at once, the first is still in its hour.
    const third = (await env.wb.credentials.rotate({ graceHours: 0, newApiKey: true })).apiKey
    const expired = await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': second })
    expect(expired.status).toBe(401)
    expect(expired.json.error?.message).toContain('grace period has ended')
    expect((await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': first })).status).toBe(200)
    expect((await call(env, 'GET', '/invitations', undefined, { 'X-API-Key': third })).status).toBe(200)
  })

  it('serves the OpenAPI 3.1 document without a key, generated from the request schemas', async () => {
    const env = await open()
    const res = await fetch(`${env.baseUrl}/openapi.json`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      info: { title: string; description: string }
      servers: { url: string }[]
      paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: unknown } } } }>>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toContain('mock')
    expect(doc.info.description).toContain('Inferred')
    expect(doc.servers[0].url).toBe(env.baseUrl)
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/invitations',
      '/invitations/{id}',
      '/invitations/{id}/cancel',
      '/simulate/aml-matches/{id}/dismiss',
      '/simulate/invitations/{id}/complete',
      '/submissions',
      '/submissions/{id}'
    ])
    const { $schema: _d, ...expected } = z.toJSONSchema(CreateInvitationBody, { io: 'input', unrepresentable: 'any' })
    expect(doc.paths['/invitations'].post.requestBody?.content['application/json'].schema).toEqual(expected)
    expect(Object.keys(doc.paths['/submissions/{id}']).sort()).toEqual(['get', 'patch'])
  })
})

describe('bad requests', () => {
  it('answers 400 naming the field, 404 for an unknown id or path, 405 for a wrong method, 409 for a wrong state', async () => {
    const env = await open()
    const badEmail = await call(env, 'POST', '/invitations', { customerEmail: 'not-an-email' })
    expect(badEmail.status).toBe(400)
    expect(badEmail.json.error).toMatchObject({ code: 'bad-input', field: 'customerEmail' })
    expect(badEmail.json.error?.message).toContain('customerEmail')

    const missing = await call(env, 'POST', '/invitations', {})
    expect(missing.json.error).toMatchObject({ code: 'bad-input', field: 'customerEmail' })
    const unknownField = await call(env, 'POST', '/invitations', { customerEmail: 'a@example.com', colour: 'red' })
    expect(unknownField.json.error).toMatchObject({ code: 'bad-input', field: 'colour' })
    const notJson = await call(env, 'POST', '/invitations', '{"customerEmail":')
    expect(notJson.status).toBe(400)
    expect(notJson.json.error?.message).toContain('not JSON')
    const badLimit = await call(env, 'GET', '/submissions?limit=0')
    expect(badLimit.json.error).toMatchObject({ code: 'bad-input', field: 'limit' })
    const badStatus = await call(env, 'GET', '/submissions?status=done')
    expect(badStatus.json.error).toMatchObject({ code: 'bad-input', field: 'status' })

    const noInvitation = await call(env, 'GET', '/invitations/inv_nope')
    expect(noInvitation.status).toBe(404)
    expect(noInvitation.json.error).toMatchObject({ code: 'not-found', message: expect.stringContaining('inv_nope') })
    expect((await call(env, 'PATCH', '/submissions/sub_nope', { status: 'approved' })).status).toBe(404)
    expect((await call(env, 'GET', '/nothing-here')).json.error?.code).toBe('not-found')

    const wrongMethod = await call(env, 'DELETE', '/invitations')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET')
    expect(wrongMethod.json.error?.code).toBe('method-not-allowed')
    expect((await call(env, 'PUT', '/submissions/sub_x')).status).toBe(405)

    const inv = await call(env, 'POST', '/invitations', { customerEmail: 'jane.roe@example.com' })
    const id = inv.json.id as string
    expect((await call(env, 'POST', `/simulate/invitations/${id}/complete`, { aml: 'maybe' })).json.error).toMatchObject({ field: 'aml' })
    expect((await call(env, 'POST', `/simulate/invitations/${id}/complete`)).status).toBe(201)
    const again = await call(env, 'POST', `/simulate/invitations/${id}/complete`)
    expect(again.status).toBe(409)
    expect(again.json.error?.code).toBe('conflict')

    // Hostile input: bad percent-encoding, an oversized body.
    expect((await call(env, 'GET', '/invitations/%E0%A4%A')).json.error?.code).toBe('not-found')
    const huge = await call(env, 'POST', '/invitations', JSON.stringify({ customerEmail: 'a@example.com', pad: 'x'.repeat(1_100_000) }))
    expect(huge.status).toBe(400)
    expect(huge.json.error?.message).toContain('larger than')

    // Still serving after all that.
    expect((await call(env, 'GET', '/invitations')).status).toBe(200)
  })
})

describe('operations and the events they cause', () => {
  it('cancel, dismiss, update and reject each emit their event, signed with the API secret', async () => {
    const env = await open()
    const receiver = await withReceiver(env)
    const a = (await call(env, 'POST', '/invitations', { customerEmail: 'ann.lee@example.com', expiresInSeconds: 3600 })).json
    const cancelled = await call(env, 'POST', `/invitations/${String(a.id)}/cancel`, { reason: 'wrong address' })
    expect(cancelled.json).toMatchObject({ status: 'cancelled' })
    expect((await call(env, 'POST', `/invitations/${String(a.id)}/cancel`)).status).toBe(409)

    const b = (await call(env, 'POST', '/invitations', { customerEmail: 'bob.ray@example.com' })).json
    const sub = (await call(env, 'POST', `/simulate/invitations/${String(b.id)}/complete`, { aml: 'match' })).json as { id: string; amlMatches: { id: string }[] }
    expect(sub.amlMatches).toHaveLength(1)
    const dismissed = await call(env, 'POST', `/simulate/aml-matches/${sub.amlMatches[0].id}/dismiss`, { reason: 'Different date of birth' })
    expect(dismissed.json).toMatchObject({ status: 'dismissed' })
    const updated = await call(env, 'PATCH', `/submissions/${sub.id}`, { responses: { firstName: 'Bob', lastName: 'Ray', country: 'CA' } })
    expect(updated.json).toMatchObject({ status: 'completed', responses: { country: 'CA' } })
    const rejected = await call(env, 'PATCH', `/submissions/${sub.id}`, { status: 'rejected', rejectionReason: 'Document expired' })
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectionReason: 'Document expired' })
    expect((await call(env, 'PATCH', `/submissions/${sub.id}`, { status: 'approved' })).status).toBe(409)

    await env.wb.platform.operations.idle()
    expect(eventsOf(receiver)).toEqual([
      'invitation.sent',
      'invitation.cancelled',
      'invitation.sent',
      'submission.created',
      'submission.completed',
      'aml.screening.completed',
      'aml.match.found',
      'aml.match.dismissed',
      'submission.updated',
      'submission.rejected'
    ])
    for (const r of receiver.requests) {
      const sig = r.headers.find(([n]) => n.toLowerCase() === 'x-smartkyc-signature')?.[1]
      expect(sig).toBe(hmacHex(r.body, env.secret))
    }
    const dismissal = JSON.parse(receiver.requests[7].body.toString('utf8')) as { data: Record<string, unknown> }
    expect(dismissal.data).toMatchObject({ submissionId: sub.id, matchId: sub.amlMatches[0].id, status: 'dismissed', reason: 'Different date of birth' })
  })

  it('lists submissions newest first by status, limit and cursor', async () => {
    const env = await open()
    const ids: string[] = []
    for (const who of ['a.one', 'b.two', 'c.three']) {
      const inv = (await call(env, 'POST', '/invitations', { customerEmail: `${who}@example.com` })).json
      ids.push((await call(env, 'POST', `/simulate/invitations/${String(inv.id)}/complete`)).json.id as string)
    }
    await call(env, 'PATCH', `/submissions/${ids[0]}`, { status: 'approved' })

    const page1 = (await call(env, 'GET', '/submissions?limit=2')).json as { data: { id: string }[]; nextCursor: string | null }
    expect(page1.data.map((s) => s.id)).toEqual([ids[2], ids[1]])
    expect(page1.nextCursor).toBe(ids[1])
    const page2 = (await call(env, 'GET', `/submissions?limit=2&cursor=${page1.nextCursor}`)).json as typeof page1
    expect(page2.data.map((s) => s.id)).toEqual([ids[0]])
    expect(page2.nextCursor).toBeNull()
    const approved = (await call(env, 'GET', '/submissions?status=approved')).json as typeof page1
    expect(approved.data.map((s) => s.id)).toEqual([ids[0]])
    const badCursor = await call(env, 'GET', '/submissions?cursor=sub_unknown')
    expect(badCursor.json.error).toMatchObject({ code: 'bad-input', field: 'cursor' })
  })
})

describe('invitation expiry', () => {
  it('emits invitation.expired when the time comes', async () => {
    const env = await open()
    const receiver = await withReceiver(env)
    const inv = (await call(env, 'POST', '/invitations', { customerEmail: 'late.comer@example.com', expiresInSeconds: 1 })).json
    await until(() => eventsOf(receiver).includes('invitation.expired'), 'invitation.expired')
    expect(eventsOf(receiver)).toEqual(['invitation.sent', 'invitation.expired'])
    expect((await call(env, 'GET', `/invitations/${String(inv.id)}`)).json).toMatchObject({ status: 'expired' })
  })

  it('keeps the timer in SQLite: an invitation due while nothing ran expires on the next start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-platform-restart-'))
    dirs.push(dir)
    const first = await open({ dir })
    const receiver = await withReceiver(first)
    const inv = (await call(first, 'POST', '/invitations', { customerEmail: 'gone.away@example.com', expiresInSeconds: 1 })).json
    await first.wb.platform.operations.idle()
    // Stop everything before the expiry; the folder stays.
    await first.close()
    await new Promise((r) => setTimeout(r, 1_300))
    expect(eventsOf(receiver)).toEqual(['invitation.sent'])

    const second = await open({ dir, secret: first.secret })
    await until(() => eventsOf(receiver).includes('invitation.expired'), 'invitation.expired after the restart')
    expect(eventsOf(receiver)).toEqual(['invitation.sent', 'invitation.expired'])
    const expired = JSON.parse(receiver.requests[1].body.toString('utf8')) as { data: Record<string, unknown>; tenantId: string }
    const sent = JSON.parse(receiver.requests[0].body.toString('utf8')) as { data: Record<string, unknown>; tenantId: string }
    expect(expired.data.invitationId).toBe(inv.id)
    expect(expired.tenantId).toBe(sent.tenantId)
    expect((await call(second, 'GET', `/invitations/${String(inv.id)}`)).json).toMatchObject({ status: 'expired' })
  })
})

describe('events recorded before they are sent', () => {
  it('sends, when the API starts, an event a stopped process recorded but never handed to the sender', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-platform-unsent-'))
    dirs.push(dir)
    const first = await open({ dir })
    const receiver = await withReceiver(first)
    await first.close()

    // What a process killed between the API's answer and the hand-over leaves behind.
    const body = JSON.stringify({ event: 'invitation.sent', timestamp: '2026-01-15T10:30:00Z', data: { invitationId: 'inv_left_behind' }, tenantId: 'tenant_x' })
    const raw = openDatabase(first.dbFile)
    raw
      .prepare('INSERT INTO platform_events (event, body, cause, message_id, error, created_at) VALUES (?, ?, ?, NULL, NULL, ?)')
      .run('invitation.sent', Buffer.from(body), 'req_before_the_crash', new Date().toISOString())
    raw.close()

    const second = await open({ dir, secret: first.secret })
    await until(() => receiver.requests.length === 1, 'the unsent event')
    await second.wb.platform.operations.idle()
    expect(receiver.requests[0].body.toString('utf8')).toBe(body)
    expect(receiver.requests[0].headers.find(([n]) => n.toLowerCase() === 'x-smartkyc-signature')?.[1]).toBe(hmacHex(body, first.secret))
    const [recorded] = second.wb.platform.operations.emittedEvents(1)
    expect(recorded).toMatchObject({ event: 'invitation.sent', cause: 'req_before_the_crash', error: null })
    expect(recorded.messageId).toMatch(/^msg_/)
    // Sent once: a restart does not send it again.
    await second.close()
    await open({ dir, secret: first.secret })
    await new Promise((r) => setTimeout(r, 300))
    expect(receiver.requests).toHaveLength(1)
  })
})
