/**
 * A tiny consumer app that knows only what the Smart KYC docs say: it calls the API with its
 * API key, receives webhooks on its own HTTP server, and verifies each one with the docs'
 * verifySignature() (its own HMAC over the raw body, nothing of ours). It runs a whole KYC
 * flow against the mock platform over real sockets.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { validatePayload } from '../../../src/core/catalog'
import { openPlatformWorkbench, type PlatformWorkbench } from './platform-helpers'

/** The docs' verifySignature(payload, signature, secret), written out by the consumer itself. */
function verifySignature(rawBody: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex')
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
}

interface Received {
  event: string
  payload: { event: string; timestamp: string; data: Record<string, unknown>; tenantId: string }
  verified: boolean
  raw: Buffer
}

async function startConsumer(secret: string) {
  const received: Received[] = []
  const waiters: (() => void)[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const signature = String(req.headers['x-smartkyc-signature'] ?? '')
      const verified = verifySignature(raw, signature, secret)
      if (!verified) {
        res.writeHead(401).end()
        return
      }
      const payload = JSON.parse(raw.toString('utf8')) as Received['payload']
      received.push({ event: payload.event, payload, verified, raw })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}')
      for (const w of waiters.splice(0)) w()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/smart-kyc`,
    received,
    async waitFor(count: number): Promise<void> {
      const deadline = Date.now() + 20_000
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} webhooks arrived: ${received.map((r) => r.event).join(', ')}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 200)
        })
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

let env: PlatformWorkbench | null = null
afterEach(async () => {
  await env?.close()
  env = null
})

describe('a consumer app that uses only the documented semantics', () => {
  it('creates an invitation, has the customer complete it with an AML match, verifies every webhook and approves', async () => {
    env = await openPlatformWorkbench()
    const { apiKey, secret } = env
    const consumer = await startConsumer(secret)
    env.onClose(consumer.close)
    await env.wb.endpoints.create({ name: 'consumer app', url: consumer.url, allowLocalHttp: true, active: true, headers: [], timeoutMs: 10_000, insecureTls: false })
    const base = env.baseUrl

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-API-Key': apiKey, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined
      })
      return { status: res.status, json: (await res.json()) as Record<string, unknown> }
    }

    const created = await api('POST', '/invitations', { customerEmail: 'john.doe@example.com', workflowName: 'Basic KYC' })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({ status: 'sent', customerEmail: 'john.doe@example.com' })
    const invitationId = created.json.id as string
    expect(invitationId).toMatch(/^inv_/)

    const completed = await api('POST', `/simulate/invitations/${invitationId}/complete`, { aml: 'match' })
    expect(completed.status).toBe(201)
    const submissionId = completed.json.id as string
    expect(submissionId).toMatch(/^sub_/)

    await consumer.waitFor(5)
    const fetched = await api('GET', `/submissions/${submissionId}`)
    expect(fetched.json).toMatchObject({ id: submissionId, status: 'completed', amlResult: 'match' })

    const approved = await api('PATCH', `/submissions/${submissionId}`, { status: 'approved' })
    expect(approved.status).toBe(200)
    expect(approved.json.status).toBe('approved')
    await consumer.waitFor(6)
    await env.wb.platform.operations.idle()

    const got = consumer.received
    expect(got.map((r) => r.event)).toEqual([
      'invitation.sent',
      'submission.created',
      'submission.completed',
      'aml.screening.completed',
      'aml.match.found',
      'submission.approved'
    ])
    expect(got.every((r) => r.verified)).toBe(true)

    // One tenant, one invitation, one submission, one workflow throughout.
    const tenants = new Set(got.map((r) => r.payload.tenantId))
    expect(tenants.size).toBe(1)
    expect([...tenants][0]).toMatch(/^tenant_/)
    const workflowId = got[0].payload.data.workflowId
    expect(workflowId).toMatch(/^wf_/)
    expect(got[0].payload.data.invitationId).toBe(invitationId)
    for (const r of got.slice(1)) expect(r.payload.data.submissionId).toBe(submissionId)
    for (const r of got.filter((g) => g.event.startsWith('submission.'))) {
      expect(r.payload.data.invitationId).toBe(invitationId)
      expect(r.payload.data.workflowId).toBe(workflowId)
      expect(r.payload.data.customerEmail).toBe('john.doe@example.com')
    }
    const match = got[4].payload.data
    expect(match).toMatchObject({ submissionId, matchedName: 'John Doe' })
    expect(got[3].payload.data.matchCount).toBe(1)

    // Each payload is the standard envelope and valid against the event's schema.
    for (const r of got) {
      expect(Object.keys(r.payload)).toEqual(['event', 'timestamp', 'data', 'tenantId'])
      expect(validatePayload(r.raw).status).toBe('valid')
    }

    // Each event went through the sender: one delivery each, logged as caused by the platform.
    const deliveries = await env.wb.deliveries.list({ limit: 50 })
    expect(deliveries.items).toHaveLength(6)
    expect(deliveries.items.every((d) => d.status === 'success' && d.origin.kind === 'platform')).toBe(true)

    // The API's request log names the events each request caused.
    const log = await env.wb.platform.requests({ limit: 10 })
    const complete = log.find((l) => l.path.endsWith('/complete'))
    expect(complete?.events).toEqual(['submission.created', 'submission.completed', 'aml.screening.completed', 'aml.match.found'])
    expect(complete?.keyMasked).not.toContain(apiKey)
  })
})
