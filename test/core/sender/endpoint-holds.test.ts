/**
 * Deliveries follow their endpoint: deleting it cancels the waiting ones (kept in the log
 * with the reason), making it Inactive pauses them ("Inactive: webhooks are paused"), and
 * making it Active again resumes them. Real sink on 127.0.0.1:0, real outbox and worker.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { openHarness, startServer, waitFor, type Harness, type Reply, type TestServer } from './harness'

const harnesses: Harness[] = []
const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  for (const h of harnesses.splice(0)) {
    await h.close()
    fs.rmSync(h.dir, { recursive: true, force: true })
  }
})

const BODY = '{"event":"submission.approved","data":{"submissionId":"sub_1"}}'

/** Answers 500 while `failing.on` is true, 200 after. */
function switchable(failing: { on: boolean }): Reply {
  return (_req, _i, res) => {
    res.writeHead(failing.on ? 500 : 200, { 'Content-Type': 'text/plain' })
    res.end(failing.on ? 'down' : 'ok')
  }
}

async function setup(reply: Reply): Promise<{ h: Harness; s: TestServer; endpointId: string }> {
  // Short waits, many of them: without the fix the delivery keeps retrying for the whole test.
  const h = await openHarness({ retryScheduleMs: Array.from({ length: 20 }, () => 100) })
  harnesses.push(h)
  const s = await startServer(reply)
  servers.push(s)
  const endpoint = await h.sender.endpoints.create({ name: 'Acme', url: s.url, active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false })
  h.sender.start()
  return { h, s, endpointId: endpoint.id }
}

async function sendTo(h: Harness, endpointId: string): Promise<string> {
  const result = await h.sender.send.event({ event: 'submission.approved', body: BODY, endpointIds: [endpointId], origin: 'cli' })
  return result.deliveries[0].id
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('deliveries follow their endpoint', () => {
  it('deleting the endpoint cancels its waiting delivery, with the reason, and stops the attempts', async () => {
    const { h, s, endpointId } = await setup(switchable({ on: true }))
    const id = await sendTo(h, endpointId)
    await waitFor('a retry to fail', () => s.requests.length >= 2)

    await h.sender.endpoints.remove({ id: endpointId })
    const cancelled = await waitFor('the delivery to be cancelled', () => {
      const d = h.sender.getDeliveries([id])[0]
      return d.status === 'cancelled' ? d : undefined
    })
    expect(cancelled.statusReason).toBe('endpoint "Acme" was deleted: no further attempts')
    expect(cancelled.nextAttemptAt).toBeNull()
    // An attempt in flight at the deletion may still land; after it, nothing more.
    await sleep(300)
    const seen = s.requests.length
    await sleep(700)
    expect(s.requests.length).toBe(seen)
    const final = h.sender.getDeliveries([id])[0]
    expect(final.status).toBe('cancelled')
    expect(final.attempts).toHaveLength(seen)
    // The log still finds it by status, and the change reached the views.
    expect((await h.sender.deliveries.list({ status: 'cancelled', limit: 10 })).items.map((d) => d.id)).toEqual([id])
    expect(h.events.some((e) => e.name === 'delivery.updated' && (e.payload as { status: string }).status === 'cancelled')).toBe(true)
  })

  it('an Inactive endpoint pauses its delivery; making it Active resumes it until delivered', async () => {
    const failing = { on: true }
    const { h, s, endpointId } = await setup(switchable(failing))
    const id = await sendTo(h, endpointId)
    await waitFor('a retry to fail', () => s.requests.length >= 2)

    await h.sender.endpoints.update({ id: endpointId, patch: { active: false } })
    const paused = await waitFor('the delivery to pause', () => {
      const d = h.sender.getDeliveries([id])[0]
      return d.status === 'paused' ? d : undefined
    })
    expect(paused.statusReason).toBe('endpoint "Acme" is inactive: resumes when it is made active')
    expect(paused.nextAttemptAt).toBeNull()
    await sleep(300)
    const seen = s.requests.length
    await sleep(700)
    expect(s.requests.length).toBe(seen)
    expect((await h.sender.deliveries.list({ status: 'paused', limit: 10 })).items.map((d) => d.id)).toEqual([id])

    failing.on = false
    await h.sender.endpoints.update({ id: endpointId, patch: { active: true } })
    const done = await waitFor('the delivery to succeed', () => {
      const d = h.sender.getDeliveries([id])[0]
      return d.status === 'success' ? d : undefined
    })
    expect(done.statusReason).toBeNull()
    expect(done.attempts.at(-1)).toMatchObject({ outcome: 'success', responseCode: 200 })
    expect(s.requests.length).toBe(seen + 1)
  })

  it('a paused delivery of a deleted endpoint is cancelled', async () => {
    const { h, s, endpointId } = await setup(switchable({ on: true }))
    const id = await sendTo(h, endpointId)
    await waitFor('a retry to fail', () => s.requests.length >= 2)
    await h.sender.endpoints.update({ id: endpointId, patch: { active: false } })
    await waitFor('the delivery to pause', () => h.sender.getDeliveries([id])[0].status === 'paused')
    await h.sender.endpoints.remove({ id: endpointId })
    expect(h.sender.getDeliveries([id])[0]).toMatchObject({ status: 'cancelled', statusReason: 'endpoint "Acme" was deleted: no further attempts' })
  })
})
