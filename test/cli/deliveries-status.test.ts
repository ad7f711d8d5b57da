/**
 * `kyc-hooks deliveries` shows deliveries that follow their endpoint: Paused while it is
 * Inactive (changed with `endpoints update --inactive`), Cancelled with the reason once it
 * is removed. The delivery is made by the real sender on the same database file; the CLI
 * runs as a child process.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openHarness, startServer, type TestServer } from '../core/sender/harness'
import { SPAWN_TIMEOUT, jsonLines, makeTempDir, runCli } from './cli-process'

let dir = ''
let sink: TestServer | null = null
afterEach(async () => {
  await sink?.close()
  sink = null
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks deliveries: paused and cancelled', { timeout: SPAWN_TIMEOUT }, () => {
  it('lists a delivery as paused, then cancelled with the reason, as its endpoint is deactivated and removed', async () => {
    dir = makeTempDir()
    const db = path.join(dir, 'workbench.sqlite')
    sink = await startServer((_req, _i, res) => {
      res.writeHead(503)
      res.end('down')
    })
    const h = await openHarness({ dir, retryScheduleMs: [60_000] })
    const endpoint = await h.sender.endpoints.create({ name: 'Acme', url: sink.url, active: true, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false })
    const sent = await h.sender.send.event({ event: 'submission.approved', body: '{}', endpointIds: [endpoint.id], origin: 'cli' })
    const id = sent.deliveries[0].id
    expect(sent.deliveries[0].status).toBe('pending')
    await h.close()

    const off = await runCli(['endpoints', 'update', endpoint.id, '--inactive', '--db', db])
    expect(off.code, off.err).toBe(0)
    const paused = await runCli(['deliveries', '--status', 'paused', '--json', '--db', db])
    expect(paused.code, paused.err).toBe(0)
    expect(jsonLines(paused.out.split('\n'))).toMatchObject([
      { id, status: 'paused', statusReason: 'endpoint "Acme" is inactive: resumes when it is made active' }
    ])

    const removed = await runCli(['endpoints', 'remove', endpoint.id, '--db', db])
    expect(removed.code, removed.err).toBe(0)
    const table = await runCli(['deliveries', '--status', 'cancelled', '--db', db])
    expect(table.code, table.err).toBe(0)
    const row = table.out.split('\n').find((l) => l.startsWith(id)) ?? ''
    expect(row).toMatch(/\bcancelled\b/)
    expect(row).toContain('endpoint "Acme" was deleted')
    const none = await runCli(['deliveries', '--status', 'pending', '--json', '--db', db])
    expect(jsonLines(none.out.split('\n'))).toEqual([])
  })
})
