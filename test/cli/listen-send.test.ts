/**
 * The CLI end to end, as separate processes sharing one database: `listen` in the
 * background, `send`, `captures`, `show`, `curl`, `export`, `import` and `replay` from others.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, hmacHex, jsonLines, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

const SECRET = 'skyc_sec_cli_test_secret_0001'

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

function listen(args: string[], database = db): BackgroundCli {
  const p = startCli(['listen', '--port', '0', ...args, '--db', database])
  running.push(p)
  return p
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

describe('listen + send', { timeout: SPAWN_TIMEOUT }, () => {
  it('captures a signed send, lists it, shows the exact bytes, and stops on SIGTERM with exit 0', async () => {
    const listener = listen(['--json', '--secret', SECRET])
    const url = await listener.listenUrl('stderr')
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/)
    expect(url).not.toContain(':0/')

    const sent = await runCli(['send', 'submission.completed', '--to', `${url}webhooks`, '--secret', SECRET, '--set', 'data.status=approved', '--json', '--db', db])
    expect(sent.code, sent.err).toBe(0)
    const delivery = JSON.parse(sent.out) as Record<string, unknown>
    expect(delivery).toMatchObject({ status: 'success', responseCode: 200 })
    expect(delivery.messageId).toMatch(/^msg_/)
    expect(delivery.deliveryId).toMatch(/^dlv_/)

    const line = await listener.waitForLine('stdout', (l) => l.startsWith('{'))
    const capture = JSON.parse(line) as Record<string, unknown>
    expect(capture).toMatchObject({ method: 'POST', path: '/webhooks', event: 'submission.completed', signature: 'valid', schema: 'valid', duplicateOf: null })
    const id = capture.id as string
    expect(id).toMatch(/^cap_/)

    // The body on disk is what was signed: check it with an independent HMAC and hash.
    const body = await runCli(['show', id, '--body', '--db', db])
    expect(body.code, body.err).toBe(0)
    expect(hmacHex(body.stdout, SECRET)).toBe(delivery.signature)
    expect(sha256(body.stdout)).toBe(capture.bodySha256)
    expect(JSON.parse(body.out)).toMatchObject({ event: 'submission.completed', data: { status: 'approved' } })
    // --set re-renders pretty JSON.
    expect(body.out).toContain('\n  "data": {')

    const listed = await runCli(['captures', '--json', '--db', db])
    expect(listed.code, listed.err).toBe(0)
    expect(jsonLines(listed.out.split('\n')).map((c) => c.id)).toEqual([id])
    const table = await runCli(['captures', '--signature', 'valid', '--db', db])
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+RECEIVED\s+METHOD\s+PATH\s+EVENT\s+SIGNATURE/)
    expect(table.out).toContain(id)
    const none = await runCli(['captures', '--signature', 'invalid', '--json', '--db', db])
    expect(none.out).toBe('')

    const stopped = await listener.stop('SIGTERM')
    expect(stopped).toEqual({ code: 0, signal: null })
  })

  it('sends the --data file byte for byte, and the human output shows the verdict line', async () => {
    const listener = listen(['--secret', SECRET])
    const url = await listener.listenUrl('stdout')
    // Odd but valid JSON: tabs, CRLF, no trailing newline, a non-ASCII name.
    const bytes = Buffer.from('{\t"event" :"aml.match.found",\r\n"timestamp":"2024-01-15T10:30:00Z","tenantId":"tenant_1","data":{"submissionId":"sub_1","matchType":"sanctions","matchScore":0.95,"matchedName":"Zoë Doe","sourceList":"OFAC","riskLevel":"high"}}')
    const file = path.join(dir, 'payload.json')
    fs.writeFileSync(file, bytes)
    const sent = await runCli(['send', 'aml.match.found', '--to', url, '--secret', SECRET, '--data', file, '--db', db])
    expect(sent.code, sent.err).toBe(0)
    expect(sent.out).toMatch(/^OK {2}200 {2}https:/)
    expect(sent.out).toContain(`signature: ${hmacHex(bytes, SECRET)}`)

    const line = await listener.waitForLine('stdout', (l) => l.includes(' aml.match.found '))
    expect(line).toMatch(/POST\s+\/\s+aml\.match\.found\s+signature valid\s+schema valid/)
    const id = /(cap_\w+)$/.exec(line)?.[1] as string
    const body = await runCli(['show', id, '--body', '--db', db])
    expect(body.stdout.equals(bytes)).toBe(true)
  })

  it('reports a failed delivery with exit 1 and the reason, leaving the retry to the outbox', async () => {
    // A listener that answers 500 to the first attempt of every body.
    const listener = listen(['--json', '--secret', SECRET, '--fail-first', '1'])
    const url = await listener.listenUrl('stderr')
    const sent = await runCli(['send', 'invitation.sent', '--to', url, '--secret', SECRET, '--json', '--db', db])
    expect(sent.code, sent.err).toBe(1)
    const d = JSON.parse(sent.out) as Record<string, unknown>
    expect(d).toMatchObject({ status: 'pending', responseCode: 500, attempts: 1 })
    expect(typeof d.nextAttemptAt).toBe('string')

    const pending = await runCli(['deliveries', '--status', 'pending', '--json', '--db', db])
    expect(jsonLines(pending.out.split('\n')).map((x) => x.id)).toEqual([d.deliveryId])

    // The delivery's request as a curl line: same signature, to the same URL.
    const curl = await runCli(['curl', d.deliveryId as string, '--db', db])
    expect(curl.code, curl.err).toBe(0)
    expect(curl.out).toContain(`X-SmartKYC-Signature: ${d.signature as string}`)
    expect(curl.out).toContain(url)
  })

  it('marks a wrong secret INVALID with the diagnosis code, and a missing secret as no-secret in the banner', async () => {
    const listener = listen(['--json'])
    await listener.waitForLine('stderr', (l) => l.startsWith('No secret to verify with'))
    const url = await listener.listenUrl('stderr')
    const sent = await runCli(['send', 'submission.created', '--to', url, '--secret', 'some-other-secret', '--db', db])
    expect(sent.code, sent.err).toBe(0)
    const capture = JSON.parse(await listener.waitForLine('stdout', (l) => l.startsWith('{'))) as Record<string, unknown>
    expect(capture).toMatchObject({ signature: 'invalid', signatureDiagnosis: 'no-secret' })
  })
})

describe('listen --forward-to', { timeout: SPAWN_TIMEOUT }, () => {
  it('forwards the exact bytes to the app and prints the forward result as a second JSON line', async () => {
    const received: Buffer[] = []
    const app = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push(Buffer.concat(chunks))
        res.writeHead(201, { 'Content-Type': 'text/plain' })
        res.end('created')
      })
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    try {
      const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/app`
      const listener = listen(['--json', '--secret', SECRET, '--forward-to', appUrl])
      const url = await listener.listenUrl('stderr')
      const sent = await runCli(['send', 'submission.rejected', '--to', url, '--secret', SECRET, '--json', '--db', db])
      expect(sent.code, sent.err).toBe(0)
      expect(JSON.parse(sent.out)).toMatchObject({ responseCode: 201, responseBody: 'created' })

      const update = JSON.parse(await listener.waitForLine('stdout', (l) => l.includes('"updated":"forwarded"'))) as Record<string, unknown>
      expect(update).toMatchObject({ responseStatus: 201, forward: { status: 201, error: null } })
      const body = await runCli(['show', update.id as string, '--body', '--db', db])
      expect(received).toHaveLength(1)
      expect(received[0].equals(body.stdout)).toBe(true)
    } finally {
      await new Promise((resolve) => app.close(resolve))
    }
  })
})

describe('replay, curl, export and import', { timeout: SPAWN_TIMEOUT }, () => {
  it('replays a capture as-is and re-signed to a second listener, and moves captures through HAR and NDJSON', async () => {
    const first = listen(['--json', '--secret', SECRET])
    const firstUrl = await first.listenUrl('stderr')
    // The second listener keeps its own database in the same folder (so the same local CA).
    const secondDb = path.join(dir, 'second.sqlite')
    const second = listen(['--json', '--secret', SECRET], secondDb)
    const secondUrl = await second.listenUrl('stderr')

    expect((await runCli(['send', 'submission.approved', '--to', `${firstUrl}hook?x=1`, '--secret', SECRET, '--db', db])).code).toBe(0)
    const original = JSON.parse(await first.waitForLine('stdout', (l) => l.startsWith('{'))) as Record<string, string>

    const asIs = await runCli(['replay', original.id, '--to', `${secondUrl}replayed`, '--json', '--db', db])
    expect(asIs.code, asIs.err).toBe(0)
    expect(JSON.parse(asIs.out)).toMatchObject({ status: 'success', responseCode: 200 })
    const replayed = JSON.parse(await second.waitForLine('stdout', (l) => l.startsWith('{'))) as Record<string, string>
    expect(replayed).toMatchObject({ path: '/replayed', signature: 'valid', bodySha256: original.bodySha256 })

    const resigned = await runCli(['replay', original.id, '--to', secondUrl, '--resign', '--secret', 'another-secret', '--json', '--db', db])
    expect(resigned.code, resigned.err).toBe(0)
    const resignedLine = await second.waitForLine('stdout', (l) => l.startsWith('{') && l.includes('"signature":"invalid"'))
    expect(JSON.parse(resignedLine)).toMatchObject({ bodySha256: original.bodySha256, signatureDiagnosis: 'mismatch' })

    const curl = await runCli(['curl', original.id, '--db', db])
    expect(curl.code, curl.err).toBe(0)
    expect(curl.out).toContain('curl ')
    expect(curl.out).toMatch(/-H 'X-SmartKYC-Signature: [0-9a-f]{64}'/i)

    const ndjson = await runCli(['export', '--format', 'ndjson', '--db', db])
    expect(ndjson.code, ndjson.err).toBe(0)
    const rows = jsonLines(ndjson.out.split('\n'))
    expect(rows.map((r) => r.id)).toContain(original.id)

    const harFile = path.join(dir, 'captures.har')
    const har = await runCli(['export', '--format', 'har', '--out', harFile, original.id, '--db', db])
    expect(har.code, har.err).toBe(0)
    const parsed = JSON.parse(fs.readFileSync(harFile, 'utf8')) as { log: { version: string; entries: unknown[] } }
    expect(parsed.log.version).toBe('1.2')
    expect(parsed.log.entries).toHaveLength(1)

    const importDb = path.join(dir, 'imported.sqlite')
    const imported = await runCli(['import', harFile, '--db', importDb])
    expect(imported.code, imported.err).toBe(0)
    expect(imported.out).toMatch(/^imported 1 capture:/)
    const back = jsonLines((await runCli(['captures', '--json', '--db', importDb])).out.split('\n'))
    expect(back).toHaveLength(1)
    expect(back[0]).toMatchObject({ source: 'import', bodySha256: original.bodySha256, event: 'submission.approved' })
  })
})
