import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { createOutboxRepo } from '../../../src/core/sender/outbox-repo'
import { openDatabase } from '../../../src/core/store/database'
import { header, hmacHex, openHarness, startServer, tempDir, waitFor, type Harness, type Reply, type TestServer } from './harness'

const harnesses: Harness[] = []
const servers: TestServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  for (const h of harnesses.splice(0)) await h.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function setup(options: Parameters<typeof openHarness>[0] = {}): Promise<Harness> {
  const h = await openHarness(options)
  harnesses.push(h)
  if (!dirs.includes(h.dir)) dirs.push(h.dir)
  return h
}
async function server(reply?: Reply): Promise<TestServer> {
  const s = await startServer(reply)
  servers.push(s)
  return s
}

/** Answers 500 to the first `n` requests, then 200. */
function failFirst(n: number): Reply {
  return (_req, index, res) => {
    res.writeHead(index < n ? 500 : 200, { 'Content-Type': 'text/plain' })
    res.end(index < n ? `boom ${index + 1}` : 'ok')
  }
}

const BODY = '{"event":"submission.approved","data":{"submissionId":"sub_1"}}'

function target(url: string) {
  return [{ url, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }]
}

describe('retries', () => {
  it('retries per the schedule stored on the delivery until a 2xx', async () => {
    const h = await setup({ retryScheduleMs: [50, 100] })
    h.sender.start()
    const s = await server(failFirst(2))
    const result = await h.sender.send.event({ event: 'submission.approved', body: BODY, to: target(s.url), origin: 'cli' })
    // The send answers after the first attempt: a failure with a retry due.
    const first = result.deliveries[0]
    expect(first).toMatchObject({ status: 'pending', attemptCount: 1, maxAttempts: 3, lastResponseCode: 500, lastResponse: 'boom 1' })
    expect(first.lastError).toMatch(/^HTTP 500 Internal Server Error/)
    expect(first.nextAttemptAt).not.toBeNull()

    // A later Settings change must not touch this delivery's schedule.
    await h.settings.update({ retryScheduleMs: [] })

    const done = await waitFor('the delivery to succeed', () => {
      const d = h.sender.getDeliveries([first.id])[0]
      return d.status !== 'pending' ? d : undefined
    })
    expect(done.status).toBe('success')
    expect(done.attempts.map((a) => [a.number, a.outcome, a.responseCode])).toEqual([
      [1, 'error', 500],
      [2, 'error', 500],
      [3, 'success', 200]
    ])
    expect(done.nextAttemptAt).toBeNull()
    expect(s.requests).toHaveLength(3)
    for (const req of s.requests) {
      expect(req.body.toString()).toBe(BODY)
      expect(header(req, 'X-SmartKYC-Signature')).toBe(hmacHex(req.body, h.secret))
    }
  })

  it('ends in error when the schedule is exhausted', async () => {
    const h = await setup({ retryScheduleMs: [50] })
    h.sender.start()
    const s = await server(failFirst(1000))
    const result = await h.sender.send.event({ event: 'submission.approved', body: BODY, to: target(s.url), origin: 'cli' })
    const done = await waitFor('the delivery to give up', () => {
      const d = h.sender.getDeliveries([result.deliveries[0].id])[0]
      return d.status === 'error' ? d : undefined
    })
    expect(done.attempts.map((a) => a.outcome)).toEqual(['error', 'error'])
    expect(done).toMatchObject({ attemptCount: 2, maxAttempts: 2, nextAttemptAt: null, lastResponseCode: 500 })
    expect(s.requests).toHaveLength(2)
  })

  it('retryNow attempts an error delivery at once; resend makes a new message with the same bytes', async () => {
    const h = await setup({ retryScheduleMs: [] })
    const s = await server(failFirst(1))
    const result = await h.sender.send.event({ event: 'submission.approved', body: BODY, to: target(s.url), origin: 'cli' })
    const id = result.deliveries[0].id
    expect(result.deliveries[0].status).toBe('error')

    const retried = await h.sender.deliveries.retryNow({ id })
    expect(retried).toMatchObject({ id, status: 'success', attemptCount: 2, lastResponseCode: 200, lastError: null })

    const resent = await h.sender.deliveries.resend({ id })
    expect(resent.messageId).not.toBe(result.messageId)
    expect(resent.signature).toBe(result.signature)
    expect(resent.deliveries[0]).toMatchObject({ status: 'success', url: s.url, origin: { kind: 'resend-delivery', id } })
    expect(s.requests).toHaveLength(3)
    expect(s.requests[2].body.equals(s.requests[0].body)).toBe(true)
    expect(header(s.requests[2], 'X-SmartKYC-Signature')).toBe(hmacHex(s.requests[2].body, h.secret))

    await expect(h.sender.deliveries.retryNow({ id: 'dlv_nope' })).rejects.toThrow(/delivery "dlv_nope" does not exist/)
  })

  it('resumes the schedule after a restart', async () => {
    const first = await setup({ retryScheduleMs: [300] })
    const s = await server(failFirst(1))
    // No worker in this "process": the first attempt fails and the retry is left in the table.
    const result = await first.sender.send.event({ event: 'submission.approved', body: BODY, to: target(s.url), origin: 'cli' })
    expect(result.deliveries[0].status).toBe('pending')
    const second = await first.reopen()
    harnesses.push(second)
    second.sender.start()
    const done = await waitFor('the resumed delivery to succeed', () => {
      const d = second.sender.getDeliveries([result.deliveries[0].id])[0]
      return d.status === 'success' ? d : undefined
    })
    expect(done.attempts.map((a) => a.outcome)).toEqual(['error', 'success'])
    expect(s.requests).toHaveLength(2)
  })

  it('stop() gives a slow attempt a grace period, then aborts it without a verdict; the next start makes it again', async () => {
    const first = await setup({ retryScheduleMs: [] })
    const hanging: Array<{ destroy(): void }> = []
    const s = await server((_req, index, res) => {
      if (index === 0) return void hanging.push(res)
      res.writeHead(200)
      res.end('ok')
    })
    try {
      const sending = first.sender.send.event({
        event: 'submission.approved',
        body: BODY,
        to: [{ url: s.url, headers: [], timeoutMs: 600_000, allowLocalHttp: true, insecureTls: false }],
        origin: 'cli'
      })
      await waitFor('the first request to arrive', () => s.requests.length === 1)
      await first.sender.stop()
      const cut = (await sending).deliveries[0]
      expect(cut).toMatchObject({ status: 'pending', attemptCount: 0 })
      expect(first.sender.getDeliveries([cut.id])[0].attempts).toEqual([])

      const second = await first.reopen()
      harnesses.push(second)
      second.sender.start()
      const done = await waitFor('the cut-off attempt to be made again', () => {
        const d = second.sender.getDeliveries([cut.id])[0]
        return d.status === 'success' ? d : undefined
      })
      expect(done.attempts.map((a) => [a.number, a.outcome])).toEqual([[1, 'success']])
      expect(s.requests).toHaveLength(2)
      expect(s.requests[1].body.equals(s.requests[0].body)).toBe(true)
    } finally {
      hanging.forEach((res) => res.destroy())
    }
  })

  it('retries a delivery whose attempt was cut off by a crash', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const s = await server()
    // The state a crash leaves between writing the outbox and finishing the attempt: a
    // claimed pending delivery with no attempt, claimed longer ago than its timeout.
    const db = openDatabase(`${dir}/workbench.sqlite`)
    const body = Buffer.from(BODY)
    const longAgo = new Date(Date.now() - 15 * 60_000).toISOString()
    createOutboxRepo(db).createMessage(
      { id: 'msg_crash', event: 'submission.approved', body, signature: hmacHex(body, 'k'), createdAt: longAgo, origin: { kind: 'cli', id: null } },
      [
        {
          id: 'dlv_crash',
          endpointId: null,
          endpointName: 'ad hoc',
          url: s.url,
          requestHeaders: [['Content-Type', 'application/json'], ['X-SmartKYC-Signature', hmacHex(body, 'k')]],
          timeoutMs: 10_000,
          insecureTls: false,
          caFile: null,
          retryScheduleMs: [50]
        }
      ]
    )
    db.close()
    const h = await setup({ dir })
    h.sender.start()
    const done = await waitFor('the cut-off delivery to be attempted', () => {
      const d = h.sender.getDeliveries(['dlv_crash'])[0]
      return d.status === 'success' ? d : undefined
    })
    expect(done.attempts).toHaveLength(1)
    expect(s.requests[0].body.equals(body)).toBe(true)
    expect(header(s.requests[0], 'X-SmartKYC-Signature')).toBe(hmacHex(s.requests[0].body, 'k'))
  })
})

describe('claims', () => {
  it('treats a claim as abandoned only once it outlives its timeout plus the margin', () => {
    const dir = tempDir()
    dirs.push(dir)
    const db = openDatabase(`${dir}/workbench.sqlite`)
    try {
      const repo = createOutboxRepo(db)
      const body = Buffer.from(BODY)
      const claimedAt = '2026-01-01T00:00:00.000Z'
      const delivery = (id: string) => ({
        id,
        endpointId: null,
        endpointName: 'ad hoc',
        url: 'http://localhost:1/x',
        requestHeaders: [],
        timeoutMs: 10_000,
        insecureTls: false,
        caFile: null,
        retryScheduleMs: []
      })
      repo.createMessage(
        { id: 'msg_1', event: null, body, signature: null, createdAt: claimedAt, origin: { kind: 'cli', id: null } },
        [delivery('dlv_a'), delivery('dlv_b')]
      )
      // Another process claimed dlv_b later and is still within timeout + margin.
      repo.touch('dlv_b', '2026-01-01T00:01:00.000Z')
      const now = '2026-01-01T00:01:15.000Z' // 75 s after the first claim, 15 s after the second
      expect(repo.claimDue(now, 10, new Set())).toEqual([])
      expect(repo.resumeStale(now, 60_000)).toBe(1)
      expect(repo.claimDue(now, 10, new Set())).toEqual(['dlv_a'])
      expect(repo.resumeStale('2026-01-01T00:02:20.000Z', 60_000)).toBe(1)
      expect(repo.claimDue('2026-01-01T00:02:20.000Z', 10, new Set())).toEqual(['dlv_b'])
    } finally {
      db.close()
    }
  })
})

describe('deliveries.list', () => {
  it('filters by status, event, endpoint and text, newest first, with the total', async () => {
    const h = await setup({ retryScheduleMs: [] })
    const good = await server()
    const bad = await server(failFirst(1000))
    const ep = await h.sender.endpoints.create({ name: 'Good one', url: good.url, active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false })
    const a = await h.sender.send.event({ event: 'submission.created', body: BODY, endpointIds: [ep.id], origin: 'compose' })
    const b = await h.sender.send.event({ event: 'aml.match.found', body: BODY, to: target(bad.url), origin: 'cli' })
    const c = await h.sender.send.event({ event: 'submission.created', body: BODY, endpointIds: [ep.id], origin: 'compose' })

    const all = await h.sender.deliveries.list({ limit: 200 })
    expect(all.total).toBe(3)
    expect(all.items.map((d) => d.messageId)).toEqual([c.messageId, b.messageId, a.messageId])
    expect((await h.sender.deliveries.list({ status: 'error', limit: 200 })).items.map((d) => d.messageId)).toEqual([b.messageId])
    expect((await h.sender.deliveries.list({ event: 'submission.created', limit: 200 })).total).toBe(2)
    expect((await h.sender.deliveries.list({ endpointId: ep.id, limit: 1 })).items.map((d) => d.messageId)).toEqual([c.messageId])
    expect((await h.sender.deliveries.list({ endpointId: ep.id, limit: 1 })).total).toBe(2)
    expect((await h.sender.deliveries.list({ q: 'GOOD ONE', limit: 200 })).total).toBe(2)
    expect((await h.sender.deliveries.list({ q: 'internal server', limit: 200 })).total).toBe(1)
    expect((await h.sender.deliveries.list({ q: '%', limit: 200 })).total).toBe(0)
  })
})
