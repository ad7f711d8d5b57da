/**
 * `kyc-hooks audit` and `kyc-hooks captures --wait` as real child processes: exit codes
 * (0 nothing fails, 1 a check fails / a wait times out, 2 usage errors), --json lines,
 * and a --junit file that parses as XML.
 */
import fs from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTlsService } from '../../src/core/tls'
import { startHandler, type Handler } from '../core/audit/handlers'
import { assertWellFormedXml } from '../core/audit/xml-check'
import { SPAWN_TIMEOUT, hmacHex, jsonLines, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

const SECRET = 'skyc_sec_cli_audit_0001'
let dir: string
let db: string
let handlers: Handler[] = []
let running: BackgroundCli[] = []

beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})

afterEach(async () => {
  await Promise.all(handlers.map((h) => h.close()))
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  handlers = []
  running = []
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks audit', { timeout: SPAWN_TIMEOUT }, () => {
  it('exits 0 for a correct HTTPS handler, 1 with --json lines and a JUnit file for one that accepts anything', async () => {
    // The CLI's data folder is the database's folder: the handler's certificate comes from its local CA.
    const local = await createTlsService(dir).ensure()
    const good = await startHandler('none', SECRET, { key: local.leafKeyPem, cert: local.leafCertPem })
    const bad = await startHandler('accepts-anything', SECRET)
    handlers.push(good, bad)
    // --budget-ms 10000: on a loaded CI machine a burst to a local handler can take over the
    // default 2 s; this test is about exit codes and output, not the machine's speed.

    const passed = await runCli(['audit', '--to', good.url, '--secret', SECRET, '--only', 'signed-events,3,forged,transport', '--budget-ms', '10000', '--db', db])
    expect(passed.code, passed.err + passed.out).toBe(0)
    expect(passed.out).toMatch(/^PASS {2}1\. Accepts valid, signed events/m)
    expect(passed.out).toContain('4 passed, 0 warned, 0 failed')

    const junit = path.join(dir, 'audit.xml')
    const failed = await runCli(['audit', '--to', bad.url, '--secret', SECRET, '--json', '--junit', junit, '--budget-ms', '10000', '--db', db])
    expect(failed.code, failed.err).toBe(1)
    const lines = jsonLines(failed.out.split('\n'))
    expect(lines).toHaveLength(10)
    expect(lines.slice(0, 9).map((l) => [l.type, l.number])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ['check', n]))
    expect(lines.filter((l) => l.status === 'fail').map((l) => l.id)).toEqual(['unsigned', 'forged'])
    expect(lines[9]).toMatchObject({ type: 'summary', fail: 2, ok: false, budgetMs: 10000 })

    const xml = fs.readFileSync(junit, 'utf8')
    expect(assertWellFormedXml(xml).root).toBe('testsuite')
    expect(xml.match(/<testcase /g)).toHaveLength(9)
    expect(xml.match(/<failure /g)).toHaveLength(2)
    expect(xml).toContain('failures="2"')

    // Every request is in the delivery log.
    const log = await runCli(['deliveries', '--json', '--limit', '500', '--db', db])
    expect(log.code, log.err).toBe(0)
    const probes = (lines.slice(0, 9) as Array<{ probes: Array<{ deliveryId: string }> }>).flatMap((c) => c.probes.map((p) => p.deliveryId))
    const logged = new Set(jsonLines(log.out.split('\n')).map((d) => d.deliveryId ?? d.id))
    expect(probes.every((id) => logged.has(id))).toBe(true)
  })

  it('exits 2 with a clear message on usage errors, before sending anything', async () => {
    const only = await runCli(['audit', '--to', 'https://127.0.0.1:9/x', '--secret', SECRET, '--only', 'nope', '--db', db])
    expect(only.code).toBe(2)
    expect(only.err).toMatch(/--only "nope" is not a check: use 1-9 or signed-events/)
    const url = await runCli(['audit', '--to', 'not a url', '--secret', SECRET, '--db', db])
    expect(url.code).toBe(2)
    expect(url.err).toContain('--to "not a url" is not a URL')
    const budget = await runCli(['audit', '--to', 'https://127.0.0.1:9/x', '--budget-ms', '5', '--db', db])
    expect(budget.code).toBe(2)
    expect(budget.err).toContain('--budget-ms must be a whole number from 50 to 60000')
    const secret = await runCli(['audit', '--to', 'https://127.0.0.1:9/x', '--db', db])
    expect(secret.code).toBe(2)
    expect(secret.err).toContain('no API secret')
  })
})

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': hmacHex(body, SECRET) } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const event = (name: string, n: number) => JSON.stringify({ event: name, timestamp: '2026-01-01T00:00:00Z', data: { submissionId: `sub_${n}` }, tenantId: 't' })

describe('kyc-hooks captures --wait', { timeout: SPAWN_TIMEOUT }, () => {
  it('blocks until the captures arrive (exit 0), and on timeout exits 1 listing what did arrive', async () => {
    const listener = startCli(['listen', '--port', '0', '--secret', SECRET, '--db', db])
    running.push(listener)
    const url = await listener.listenUrl('stdout')

    const waiting = startCli(['captures', '--wait', '--event', 'submission.completed', '--count', '2', '--timeout', '120s', '--json', '--db', db])
    running.push(waiting)
    expect(await post(url, event('submission.created', 1))).toBe(200)
    expect(await post(url, event('submission.completed', 1))).toBe(200)
    expect(await post(url, event('submission.completed', 2))).toBe(200)
    const done = await waiting.wait()
    expect(done.code, waiting.stderrLines.join('\n')).toBe(0)
    expect(jsonLines(waiting.stdoutLines).map((c) => c.event)).toEqual(['submission.completed', 'submission.completed'])

    const timedOut = await runCli(['captures', '--wait', '--event', 'aml.match.found', '--timeout', '1s', '--db', db])
    expect(timedOut.code).toBe(1)
    expect(timedOut.err).toContain('timed out after 1000 ms: 0 of 1 aml.match.found capture(s) arrived; all captures (3): submission.completed x2, submission.created x1')
    expect(timedOut.out.match(/submission\.completed/g)).toHaveLength(2)

    const usage = await runCli(['captures', '--wait', '--timeout', 'soon', '--db', db])
    expect(usage.code).toBe(2)
    expect(usage.err).toContain('write a duration like 30s')
    const noEvent = await runCli(['captures', '--wait', '--db', db])
    expect(noEvent.code).toBe(2)
    expect(noEvent.err).toContain('--wait needs --event E')
  })
})
