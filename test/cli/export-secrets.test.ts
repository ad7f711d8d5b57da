/**
 * Secrets and personal data leaving through the CLI (issue 6, items 10 and 19), as separate
 * processes on one database: `listen` shows no character of its secret; `export` and `curl`
 * mask Authorization / X-API-Key / Cookie unless --include-secrets; `--redact pii` takes the
 * customer's data out of bodies and says the signature no longer matches; and a capture's
 * curl command for an HTTPS listener carries --cacert, so it runs as pasted.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, jsonLines, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

const SECRET = 'Zq8vK2mP4xR7wJ'
const AUTH = 'Bearer tok_live_9f8e7d6c5b4a'
const API_KEY = 'key_QWERTYUIOP1234'
const BODY = JSON.stringify({
  event: 'submission.completed',
  timestamp: '2026-01-01T00:00:00Z',
  tenantId: 'tnt_1',
  data: {
    submissionId: 'sub_1',
    customerEmail: 'jane.doe@example.com',
    customerName: 'Jane Doe',
    workflowName: 'Onboarding',
    status: 'completed',
    responses: { firstName: 'Jane', dateOfBirth: '1990-02-03', address: { city: 'Springfield' } }
  }
})

let dir: string
let db: string
let running: BackgroundCli[] = []

beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})

afterEach(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  running = []
  fs.rmSync(dir, { recursive: true, force: true })
})

function sh(command: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }))
  })
}

/** An HTTPS listener (with a secret) that has captured one send carrying Authorization and X-API-Key. */
async function captureWithSecrets(): Promise<{ listener: BackgroundCli; url: string; captureId: string; deliveryId: string }> {
  const listener = startCli(['listen', '--port', '0', '--json', '--secret', SECRET, '--db', db])
  running.push(listener)
  const url = await listener.listenUrl('stderr')
  const file = path.join(dir, 'body.json')
  fs.writeFileSync(file, BODY)
  const sent = await runCli([
    'send', 'submission.completed', '--to', `${url}hooks`, '--secret', SECRET, '--data', file,
    '--header', `Authorization: ${AUTH}`, '--header', `X-API-Key: ${API_KEY}`, '--json', '--db', db
  ])
  expect(sent.code, sent.err).toBe(0)
  const captureId = (JSON.parse(await listener.waitForLine('stdout', (l) => l.startsWith('{'))) as { id: string }).id
  return { listener, url, captureId, deliveryId: (JSON.parse(sent.out) as { deliveryId: string }).deliveryId }
}

type HarDoc = { log: { comment: string; entries: Array<{ comment?: string; request: { headers: Array<{ name: string; value: string }>; postData: { text: string } } }> } }
const header = (e: HarDoc['log']['entries'][number], name: string) => e.request.headers.find((h) => h.name.toLowerCase() === name)?.value

describe('secrets in the CLI', { timeout: SPAWN_TIMEOUT }, () => {
  it('the listen banner shows no character of the listener secret', async () => {
    const listener = startCli(['listen', '--port', '0', '--secret', SECRET, '--db', db])
    running.push(listener)
    await listener.listenUrl('stdout')
    await listener.waitForLine('stdout', (l) => l.startsWith('Waiting for webhooks'))
    const banner = [...listener.stdoutLines, ...listener.stderrLines].join('\n')
    expect(banner).toContain('Verifying signatures with: 1 extra secret')
    // Random parts (the listener id, temp paths, the port) may contain any three characters by chance: leave them out.
    const fixedText = banner.replace(/lst_[0-9a-z]+/g, 'lst_ID').replace(/\/tmp\/\S+/g, 'PATH').replace(/127\.0\.0\.1:\d+/g, 'HOST')
    for (let i = 0; i + 3 <= SECRET.length; i++) expect(fixedText).not.toContain(SECRET.slice(i, i + 3))
  })

  it('export and curl mask secret headers unless --include-secrets, keep the signature, and curl trusts the local CA', async () => {
    const { captureId, deliveryId } = await captureWithSecrets()

    const masked = await runCli(['export', '--format', 'har', '--db', db])
    expect(masked.code, masked.err).toBe(0)
    const [entry] = (JSON.parse(masked.out) as HarDoc).log.entries
    expect(header(entry, 'authorization')).toBe(`[masked: ${AUTH.length} characters]`)
    expect(header(entry, 'x-api-key')).toBe(`[masked: ${API_KEY.length} characters]`)
    expect(header(entry, 'x-smartkyc-signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(masked.out).not.toContain('tok_live')
    expect(masked.err).toContain('--include-secrets')

    const deliveries = await runCli(['export', '--format', 'har', '--deliveries', '--db', db])
    expect(deliveries.code, deliveries.err).toBe(0)
    expect(deliveries.out).not.toContain(AUTH)
    expect(deliveries.out).not.toContain(API_KEY)

    const clear = await runCli(['export', '--format', 'har', '--include-secrets', '--db', db])
    expect(header((JSON.parse(clear.out) as HarDoc).log.entries[0], 'authorization')).toBe(AUTH)

    const curlDelivery = await runCli(['curl', deliveryId, '--db', db])
    expect(curlDelivery.code, curlDelivery.err).toBe(0)
    expect(curlDelivery.out).not.toContain(AUTH)
    expect(curlDelivery.out).toContain(`-H 'Authorization: [masked: ${AUTH.length} characters]'`)
    expect((await runCli(['curl', deliveryId, '--include-secrets', '--db', db])).out).toContain(`-H 'Authorization: ${AUTH}'`)

    const curlCapture = await runCli(['curl', captureId, '--db', db])
    expect(curlCapture.out).not.toContain(API_KEY)
    const withSecrets = await runCli(['curl', captureId, '--include-secrets', '--db', db])
    const caPath = (await runCli(['ca', 'path', '--db', db])).out.trim()
    expect(path.isAbsolute(caPath)).toBe(true)
    expect(withSecrets.out).toContain(`--cacert '${caPath}'`)
  })

  it('the curl of an HTTPS capture runs as pasted against the live listener (no curl error 60)', async () => {
    const { listener, captureId } = await captureWithSecrets()
    const curl = await runCli(['curl', captureId, '--include-secrets', '--db', db])
    expect(curl.code, curl.err).toBe(0)
    const run = await sh(curl.out)
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const again = JSON.parse(await listener.waitForLine('stdout', (l) => l.startsWith('{') && !l.startsWith(`{"id":"${captureId}"`))) as Record<string, unknown>
    expect(again).toMatchObject({ path: '/hooks', signature: 'valid', duplicateOf: captureId })
  })

  it('--redact pii takes personal data out of bodies and says the signatures no longer match', async () => {
    await captureWithSecrets()
    const har = await runCli(['export', '--format', 'har', '--redact', 'pii', '--db', db])
    expect(har.code, har.err).toBe(0)
    const doc = JSON.parse(har.out) as HarDoc
    expect(doc.log.comment).toMatch(/no longer match their X-SmartKYC-Signature/)
    expect(doc.log.entries[0].comment).toMatch(/no longer matches its signature/)
    const body = JSON.parse(doc.log.entries[0].request.postData.text) as { data: Record<string, unknown> }
    expect(body.data).toMatchObject({
      customerEmail: '[redacted]',
      customerName: '[redacted]',
      workflowName: 'Onboarding',
      status: 'completed',
      responses: { firstName: '[redacted]', dateOfBirth: '[redacted]', address: { city: '[redacted]' } }
    })
    for (const pii of ['jane.doe@example.com', 'Jane Doe', '1990-02-03', 'Springfield']) expect(har.out).not.toContain(pii)

    const ndjson = await runCli(['export', '--format', 'ndjson', '--redact', 'pii', '--deliveries', '--db', db])
    expect(ndjson.code, ndjson.err).toBe(0)
    const [row] = jsonLines(ndjson.out.split('\n'))
    expect(row._export).toMatchObject({ bodyRedacted: 'pii', bodyMatchesSignature: false, secretHeadersMasked: true })
    expect(Buffer.from(row.bodyBase64 as string, 'base64').toString('utf8')).not.toContain('jane.doe')
  })
})
