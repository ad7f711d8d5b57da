/**
 * `kyc-hooks endpoints health` as a child process over a database whose attempts were
 * made by the real sender against a real local sink that fails one request in three.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkbench } from '../../src/core/workbench'
import { methods } from '../../src/shared/contract'
import type { HealthReport } from '../../src/shared/health-models'
import { EndpointInput } from '../../src/shared/models'
import { startServer, type TestServer } from '../core/sender/harness'
import { SPAWN_TIMEOUT, makeTempDir, runCli } from './cli-process'

let dir: string
let db: string
let sink: TestServer

beforeEach(async () => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
  // Every third request (the 2nd, 5th, ...) gets a 500.
  sink = await startServer((_req, i, res) => {
    res.writeHead(i % 3 === 1 ? 500 : 200)
    res.end()
  })
})
afterEach(async () => {
  await sink.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Three real deliveries to a saved endpoint (2 succeed, the 2nd fails), and one idle endpoint. */
async function seed(): Promise<{ flakyId: string; idleId: string }> {
  const wb = await createWorkbench({ db, background: false })
  try {
    await wb.credentials.create({})
    const flaky = await wb.endpoints.create(EndpointInput.parse({ name: 'Flaky', url: `${sink.url}/hooks`, allowLocalHttp: true }))
    const idle = await wb.endpoints.create(EndpointInput.parse({ name: 'Idle', url: 'https://idle.example.test/hooks' }))
    for (let i = 0; i < 3; i++) {
      const body = JSON.stringify({ event: 'submission.created', timestamp: new Date().toISOString(), data: {}, tenantId: 'tenant_1' })
      await wb.send.event(methods['send.event'].input.parse({ event: 'submission.created', body, endpointIds: [flaky.id], origin: 'test' }))
    }
    return { flakyId: flaky.id, idleId: idle.id }
  } finally {
    await wb.close()
  }
}

describe('kyc-hooks endpoints health', { timeout: SPAWN_TIMEOUT }, () => {
  it('--json prints the report: attempts, successes, rate, latency and the last error per endpoint', async () => {
    const { flakyId, idleId } = await seed()
    expect(sink.requests).toHaveLength(3)
    const r = await runCli(['endpoints', 'health', '--json', '--db', db])
    expect(r.code, r.err).toBe(0)
    const report = JSON.parse(r.out) as HealthReport
    expect(report).toMatchObject({ window: '1h', bucketMs: 300_000, thresholdPercent: 90 })
    expect(report.endpoints.map((e) => e.endpointId)).toEqual([flakyId, idleId])
    const [flaky, idle] = report.endpoints
    expect(flaky).toMatchObject({ endpointName: 'Flaky', attempts: 3, successes: 2, successRate: 2 / 3, belowThreshold: true })
    expect(flaky.lastError).toMatchObject({ responseCode: 500, message: 'HTTP 500 Internal Server Error: not 2xx, so the delivery counts as failed' })
    expect(flaky.p50Ms).toBeGreaterThan(0)
    expect(flaky.p95Ms).toBeGreaterThanOrEqual(flaky.p50Ms ?? Infinity)
    expect(flaky.series.reduce((n, b) => n + b.attempts, 0)).toBe(3)
    expect(idle).toMatchObject({ attempts: 0, successRate: null, lastError: null, belowThreshold: false })

    const week = JSON.parse((await runCli(['endpoints', 'health', '--window', '7d', '--json', '--db', db])).out) as HealthReport
    expect(week.window).toBe('7d')
    expect(week.endpoints[0].series).toHaveLength(28)
  })

  it('prints a table with one row per endpoint, marking a rate below the threshold', async () => {
    await seed()
    const r = await runCli(['endpoints', 'health', '--window', '24h', '--db', db])
    expect(r.code, r.err).toBe(0)
    const lines = r.out.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SUCCESS\s+ATTEMPTS\s+P50\s+P95\s+LAST ERROR$/)
    expect(lines[1]).toMatch(/^ep_\S+\s+Flaky\s+66\.7% !\s+2\/3\s+[\d.]+ ms\s+[\d.]+ ms\s+\S+Z\s+HTTP 500 Internal Server Error/)
    expect(lines[2]).toMatch(/^ep_\S+\s+Idle\s+-\s+0\/0\s+-\s+-\s+-$/)
    expect(r.err).toMatch(/attempts in the last 24h .*below the alert threshold of 90%/)
  })

  it('refuses a window it does not know, naming the choices', async () => {
    const r = await runCli(['endpoints', 'health', '--window', '2h', '--db', db])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^kyc-hooks: .*'2h' is invalid.*choose one of: 1h, 24h, 7d/)
  })
})
