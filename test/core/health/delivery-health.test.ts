/**
 * Delivery health through real sockets: endpoints pointed at a real local HTTP sink that
 * fails some requests (and at one that hangs up without answering), events sent through the real
 * sender and outbox, then the numbers read back from the attempts table and asserted exactly.
 */
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHealthService } from '../../../src/core/health'
import { createHealthQuery } from '../../../src/core/health/health-query'
import { methods } from '../../../src/shared/contract'
import { EndpointInput } from '../../../src/shared/models'
import type { EndpointHealth } from '../../../src/shared/health-models'
import { openHarness, startServer, type Harness, type TestServer } from '../sender/harness'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const BODY = JSON.stringify({ event: 'submission.approved', timestamp: '2026-01-01T00:00:00.000Z', data: {}, tenantId: 'tenant_1' })

/** A sink that answers 500 to its 2nd request, 503 to its 4th, and 200 to the rest. */
async function flakySink(): Promise<TestServer> {
  const server = await startServer((_req, i, res) => {
    const status = i === 1 ? 500 : i === 3 ? 503 : 200
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(status === 200 ? '{"ok":true}' : '{"error":"down"}')
  })
  cleanups.push(() => server.close())
  return server
}

/** A server that hangs up on every connection without answering (held open, so no other process can take its port). */
async function hangUpServer(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return (server.address() as net.AddressInfo).port
}

async function harness(): Promise<Harness> {
  // No retries: one send is exactly one attempt, so the counts below are exact.
  const h = await openHarness({ retryScheduleMs: [] })
  cleanups.push(() => h.close())
  return h
}

async function sendTo(h: Harness, endpointId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await h.sender.send.event(methods['send.event'].input.parse({ event: 'submission.approved', body: BODY, endpointIds: [endpointId], origin: 'test' }))
  }
}

/** Interpolated percentile (like SQLite's percentile_cont), computed here independently. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = p * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo)
}

function durationsOf(h: Harness, endpointId: string): number[] {
  return (
    h.db
      .prepare('SELECT a.duration_ms AS d FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ?')
      .all(endpointId) as Array<{ d: number }>
  ).map((r) => r.d)
}

describe('delivery health', () => {
  it('counts attempts and successes, rates, p50/p95 and the last error per endpoint, from real deliveries', async () => {
    const h = await harness()
    const sink = await flakySink()
    const flaky = await h.sender.endpoints.create(EndpointInput.parse({ name: 'Flaky', url: `${sink.url}/hooks`, allowLocalHttp: true }))
    const dead = await h.sender.endpoints.create(EndpointInput.parse({ name: 'Dead', url: `http://127.0.0.1:${await hangUpServer()}/hooks`, allowLocalHttp: true }))
    const idle = await h.sender.endpoints.create(EndpointInput.parse({ name: 'Idle', url: 'https://idle.example.test/hooks' }))

    await sendTo(h, flaky.id, 5)
    await sendTo(h, dead.id, 2)
    // An ad-hoc target (no saved endpoint) is not counted against any endpoint.
    await h.sender.send.event(methods['send.event'].input.parse({ event: 'submission.approved', body: BODY, to: [{ url: `${sink.url}/adhoc` }], origin: 'test' }))
    expect(sink.requests).toHaveLength(6)

    const health = createHealthService({ db: h.db, bus: h.bus, settings: h.settings })
    const report = await health.report(methods['endpoints.health'].input.parse({ window: '1h' }))
    expect(report).toMatchObject({ window: '1h', bucketMs: 300_000, thresholdPercent: 90 })
    expect(Date.parse(report.until) - Date.parse(report.since)).toBe(3_600_000)
    const byName = new Map(report.endpoints.map((e) => [e.endpointName, e]))
    expect([...byName.keys()]).toEqual(['Flaky', 'Dead', 'Idle'])

    const f = byName.get('Flaky') as EndpointHealth
    expect(f).toMatchObject({ endpointId: flaky.id, url: `${sink.url}/hooks`, active: true, attempts: 5, successes: 3, successRate: 0.6, belowThreshold: true })
    expect(f.lastError).toMatchObject({ responseCode: 503, message: 'HTTP 503 Service Unavailable: not 2xx, so the delivery counts as failed' })
    const lastFailed = h.db
      .prepare(`SELECT a.delivery_id AS id, a.started_at AS at FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.endpoint_id = ? AND a.response_code = 503`)
      .get(flaky.id) as { id: string; at: string }
    expect(f.lastError).toMatchObject({ deliveryId: lastFailed.id, at: lastFailed.at })
    expect(f.p50Ms).toBeCloseTo(percentile(durationsOf(h, flaky.id), 0.5), 9)
    expect(f.p95Ms).toBeCloseTo(percentile(durationsOf(h, flaky.id), 0.95), 9)
    expect(f.series).toHaveLength(12)
    expect(f.series.reduce((n, b) => n + b.attempts, 0)).toBe(5)
    expect(f.series.reduce((n, b) => n + b.successes, 0)).toBe(3)
    // Just sent: everything sits in the newest bar (or the one before, at a bar boundary).
    expect(f.series.slice(0, 10).every((b) => b.attempts === 0)).toBe(true)

    const d = byName.get('Dead') as EndpointHealth
    expect(d).toMatchObject({ attempts: 2, successes: 0, successRate: 0, belowThreshold: true })
    expect(d.lastError?.responseCode).toBeNull()
    expect(d.lastError?.message).toMatch(/^connection reset: 127\.0\.0\.1:\d+ closed the connection before answering \[(ECONNRESET|EPIPE|UND_ERR_SOCKET)\]$/)

    expect(byName.get('Idle')).toMatchObject({
      endpointId: idle.id,
      attempts: 0,
      successes: 0,
      successRate: null,
      p50Ms: null,
      p95Ms: null,
      lastError: null,
      belowThreshold: false
    })
    // The output is what the contract promises (the dispatcher checks it the same way).
    expect(methods['endpoints.health'].output.parse(report)).toEqual(report)
  })

  it('counts only attempts inside the window the user chose', async () => {
    const h = await harness()
    const sink = await flakySink()
    const flaky = await h.sender.endpoints.create(EndpointInput.parse({ name: 'Flaky', url: `${sink.url}/hooks`, allowLocalHttp: true }))
    await sendTo(h, flaky.id, 4)

    const health = createHealthService({ db: h.db, bus: h.bus, settings: h.settings })
    const query = createHealthQuery(h.db)
    const later = new Date(Date.now() + 2 * 3_600_000)
    const in1h = query.report('1h', 90, later).endpoints[0]
    expect(in1h).toMatchObject({ attempts: 0, successRate: null, lastError: null, belowThreshold: false })
    const in24h = query.report('24h', 90, later).endpoints[0]
    expect(in24h).toMatchObject({ attempts: 4, successes: 2, successRate: 0.5, belowThreshold: true })
    expect(in24h.series).toHaveLength(24)
    // Sent just under two hours before `later`: the bar 22 hours after `since` begins (21 of 0..23), or 22 within the same millisecond.
    expect(in24h.series[21].attempts + in24h.series[22].attempts).toBe(4)
    expect(query.report('7d', 90, later).endpoints[0].series).toHaveLength(28)
    // A threshold under the rate: not below; 0 turns alerts off whatever the rate.
    expect(query.report('24h', 50, later).endpoints[0].belowThreshold).toBe(false)
    expect(query.report('24h', 0, later).endpoints[0].belowThreshold).toBe(false)
    await h.settings.update({ healthAlertThresholdPercent: 40 })
    expect((await health.report({ window: '1h' })).thresholdPercent).toBe(40)
  })

  it('refuses a window it does not know, naming the choices', () => {
    const parsed = methods['endpoints.health'].input.safeParse({ window: '2h' })
    expect(parsed.success).toBe(false)
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/1h.*24h.*7d/)
  })

  it('answers from an index on attempts.started_at, not a scan of every attempt', async () => {
    const h = await harness()
    const plan = h.db
      .prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE a.started_at >= ? AND a.started_at <= ? AND d.endpoint_id IS NOT NULL`)
      .all('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z') as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/attempts_by_started_at/)
  })
})
