/**
 * The handler audit against small handlers written here, on real servers on 127.0.0.1:
 * a correct one passes every check; each buggy one fails exactly the checks its bug breaks.
 * Every request the audit makes is a delivery in the log, tagged with the run.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'
import { createTlsService } from '../../../src/core/tls'
import { toJUnitXml } from '../../../src/core/audit/junit'
import { AuditRequest as AuditRequestSchema, type AuditProgress, type AuditReport, type AuditRequest } from '../../../src/shared/audit-models'
import { startHandler, type Bug, type Handler } from './handlers'
import { assertWellFormedXml } from './xml-check'

const SECRET = 'skyc_sec_audit_test_0001'
let dir: string
let wb: Workbench
let handlers: Handler[] = []

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-audit-'))
  wb = await createWorkbench({ db: path.join(dir, 'w.sqlite'), background: false })
})

afterEach(async () => {
  await Promise.all(handlers.map((h) => h.close()))
  handlers = []
  await wb.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function handler(bug: Bug, tls?: { key: string; cert: string }): Promise<Handler> {
  const h = await startHandler(bug, SECRET, tls)
  handlers.push(h)
  return h
}

/** Runs the audit through the contract's input schema, as every face does (defaults filled in). */
const audit = (input: AuditRequest) => wb.audit.run(AuditRequestSchema.parse(input))
const failing = (r: AuditReport) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id)
const statusOf = (r: AuditReport, id: string) => r.checks.find((c) => c.id === id)?.status

// On a loaded machine 20 concurrent deliveries to a local handler can take over 2 s; the
// correct-handler test is about the checks, not the machine's speed (the budget has its own test).
const GENEROUS_BUDGET_MS = 10_000

describe('kyc-hooks audit (core)', { timeout: 120_000 }, () => {
  it('passes a correct HTTPS handler on every check, records each request as a delivery, and keeps the run', async () => {
    const local = await createTlsService(dir).ensure()
    const h = await handler('none', { key: local.leafKeyPem, cert: local.leafCertPem })
    const progress: AuditProgress[] = []
    const off = wb.bus.on('audit.progress', (p) => progress.push(p))
    const report = await audit({ url: h.url, secret: SECRET, probeUrl: h.probeUrl, budgetMs: GENEROUS_BUDGET_MS, insecureTls: false })
    off()
    expect(report.checks.map((c) => [c.id, c.status, c.message])).toEqual(report.checks.map((c) => [c.id, 'pass', c.message]))
    expect(report.checks).toHaveLength(9)
    expect(report.summary).toMatchObject({ pass: 9, fail: 0, ok: true })
    expect(report.checks.find((c) => c.id === 'duplicates')?.message).toContain('processed once')
    expect(report.checks.find((c) => c.id === 'burst')?.message).toMatch(/p50 \d+ ms, p95 \d+ ms/)

    // Progress: started, one per check, finished.
    expect(progress.map((p) => p.phase)).toEqual(['started', ...Array(9).fill('check'), 'finished'])
    expect(progress.every((p) => p.runId === report.id)).toBe(true)

    // Every request is a delivery tagged with the run, and the handler saw exactly as many.
    const ids = report.checks.flatMap((c) => c.probes.map((p) => p.deliveryId))
    const { items } = await wb.deliveries.list({ limit: 1_000 })
    const ours = items.filter((d) => d.origin.kind === 'audit' && d.origin.id === report.id)
    expect(ours.map((d) => d.id).sort()).toEqual([...ids].sort())
    expect(ours.length).toBe(h.requests)
    // One attempt each, no retry left pending: refusals (401) are errors, the rest successes.
    expect(ours.every((d) => d.maxAttempts === 1 && d.status !== 'pending')).toBe(true)
    expect(ours.filter((d) => d.status === 'error').every((d) => d.lastResponseCode === 401)).toBe(true)

    expect((await wb.audit.list({ limit: 10 })).map((r) => r.id)).toEqual([report.id])
    expect(await wb.audit.get({ id: report.id })).toEqual(report)
  })

  it('fails unsigned and forged for a handler that accepts anything, naming each forgery', async () => {
    const h = await handler('accepts-anything')
    const report = await audit({ url: h.url, secret: SECRET })
    expect(failing(report)).toEqual(['unsigned', 'forged'])
    const forged = report.checks.find((c) => c.id === 'forged')!
    expect(forged.message).toContain('accepted a signature made with another secret')
    expect(forged.message).toContain('accepted a body changed after signing')
    expect(forged.message).toContain('sha256=')
    // plain http to this machine only warns
    expect(statusOf(report, 'transport')).toBe('warn')
  })

  it('fails only check 2, with the re-serialisation message, for a handler that hashes JSON.stringify(JSON.parse(body))', async () => {
    const h = await handler('reserialises')
    const report = await audit({ url: h.url, secret: SECRET })
    expect(failing(report)).toEqual(['raw-bytes'])
    expect(report.checks.find((c) => c.id === 'raw-bytes')!.message).toContain(
      'your handler re-serialises the JSON before hashing: hash the raw body'
    )
  })

  it('fails only duplicates for a handler that answers 500 to a repeated delivery', async () => {
    const h = await handler('duplicate-500')
    const report = await audit({ url: h.url, secret: SECRET })
    expect(failing(report)).toEqual(['duplicates'])
    expect(report.checks.find((c) => c.id === 'duplicates')!.message).toContain('the duplicate got 500')
  })

  it('fails only the burst for a handler that is slow when requests overlap', async () => {
    const h = await handler('slow-under-load')
    const report = await audit({ url: h.url, secret: SECRET, budgetMs: 1_000 })
    expect(failing(report)).toEqual(['burst'])
    expect(report.checks.find((c) => c.id === 'burst')!.message).toMatch(/over the 1000 ms budget.*p95/)
  })

  it('fails only unknown events for a handler that answers 500 to an event it does not know', async () => {
    const h = await handler('unknown-500')
    const report = await audit({ url: h.url, secret: SECRET, only: ['unknown-events', 'signed-events'] })
    expect(report.checks.map((c) => c.id)).toEqual(['signed-events', 'unknown-events'])
    expect(failing(report)).toEqual(['unknown-events'])
    expect(report.checks.find((c) => c.id === 'unknown-events')!.message).toContain('an unknown event (submission.archived) got 500')
  })

  it('fails transport for plain http:// to another machine without sending anything, and skips the rest', async () => {
    const report = await audit({ url: 'http://webhooks.example.com/smart-kyc', secret: SECRET })
    expect(failing(report)).toEqual(['transport'])
    expect(report.checks.find((c) => c.id === 'transport')!.message).toContain('Webhooks require HTTPS')
    expect(report.summary).toMatchObject({ skip: 8, fail: 1, ok: false })
    expect((await wb.deliveries.list({ limit: 10 })).items).toEqual([])
  })

  it('names a TLS problem: a certificate from a CA nobody trusts', async () => {
    const other = await createTlsService(fs.mkdtempSync(path.join(dir, 'other-ca-'))).ensure()
    const h = await handler('none', { key: other.leafKeyPem, cert: other.leafCertPem })
    const report = await audit({ url: h.url, secret: SECRET, only: ['transport'] })
    expect(report.checks[0]).toMatchObject({ id: 'transport', status: 'fail' })
    expect(report.checks[0].message).toMatch(/^TLS problem: .*certificate/i)
  })

  it('signs with the stored API secret by default and refuses to run without one', async () => {
    await expect(audit({ url: 'http://127.0.0.1:9/x' })).rejects.toThrow(/no API secret/)
    const created = await wb.credentials.create({})
    const h = await startHandler('none', created.secret!)
    handlers.push(h)
    const report = await audit({ url: h.url, only: ['signed-events', 'forged'] })
    expect(failing(report)).toEqual([])
    // With stored credentials, the API-key forgery is tried too.
    expect(report.checks[1].probes.map((p) => p.label)).toContain('a signature keyed with the API key instead of the secret')
  })

  it('writes JUnit XML that parses, with a failure per failed check and escaped text', async () => {
    const h = await handler('accepts-anything')
    const report = await audit({ url: h.url, secret: SECRET, only: ['unsigned', 'transport', 'signed-events'] })
    report.checks[1].message += ' <&> "quotes" \u0001'
    const xml = toJUnitXml(report)
    const doc = assertWellFormedXml(xml)
    expect(doc.root).toBe('testsuite')
    expect(xml.match(/<testcase /g)).toHaveLength(3)
    expect(xml.match(/<failure /g)).toHaveLength(1)
    expect(xml).toContain('<system-out>WARNING: plain http://')
    expect(xml).toContain('&lt;&amp;&gt; &quot;quotes&quot;')
  })
})
