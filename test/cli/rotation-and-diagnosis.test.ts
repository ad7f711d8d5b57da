/**
 * The CLI as a child process with a rotated API secret and a large body whose signature is
 * wrong: `show` names the secret that matched with a readable rotation time (not raw ISO),
 * and `listen` prints a second line once the large body's bad signature is explained.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, hmacHex, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

let dir: string
let db: string
let running: BackgroundCli | null = null
beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})
afterEach(async () => {
  await running?.stop('SIGKILL')
  running = null
  fs.rmSync(dir, { recursive: true, force: true })
})

function post(url: string, body: Buffer, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': signature } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const ISO_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

describe('kyc-hooks show: a capture valid under a rotated secret', { timeout: SPAWN_TIMEOUT * 2 }, () => {
  it('prints the rotation time as "YYYY-MM-DD HH:MM UTC", not raw ISO', async () => {
    const created = await runCli(['credentials', 'create', '--json', '--db', db])
    expect(created.code, created.err).toBe(0)
    const oldSecret = (JSON.parse(created.out) as { secret: string }).secret
    expect((await runCli(['credentials', 'rotate', '--db', db])).code).toBe(0)

    running = startCli(['listen', '--http', '--port', '0', '--db', db])
    const url = await running.listenUrl('stdout')
    const body = Buffer.from('{"event":"submission.completed","data":{"status":"completed"}}')
    expect(await post(`${url}hook`, body, hmacHex(body, oldSecret))).toBe(200)
    const line = await running.waitForLine('stdout', (l) => /cap_\w+/.test(l))
    const id = /cap_\w+/.exec(line)![0]
    await running.stop('SIGTERM')
    running = null

    const shown = await runCli(['show', id, '--db', db])
    expect(shown.code, shown.err).toBe(0)
    const signatureLine = shown.out.split('\n').find((l) => l.startsWith('Signature'))!
    // Before: "(matched previous API secret (rotated 2026-12-02T09:35:12.345Z))".
    expect(signatureLine).toMatch(/^Signature {2}valid \(matched previous API secret \(rotated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\)$/)
    expect(signatureLine).not.toMatch(ISO_IN_TEXT)

    const creds = await runCli(['credentials', 'show', '--db', db])
    const previous = creds.out.split('\n').find((l) => l.startsWith('previous'))!
    expect(previous).toMatch(/retired \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, verifies until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
  })
})

describe('kyc-hooks listen: a large body with a bad signature', { timeout: SPAWN_TIMEOUT * 2 }, () => {
  it('prints the capture as diagnosis-pending, then a "diagnosed cap_… INVALID (code)" line when the explanation is ready', async () => {
    const secret = 'skyc_sec_listen_0123456789'
    running = startCli(['listen', '--http', '--port', '0', '--secret', secret, '--db', db])
    const url = await running.listenUrl('stdout')
    // 200 KB of JSON (over the 64 KiB inline limit), signed with upper-case hex: a known cause.
    const body = Buffer.from(JSON.stringify({ event: 'submission.completed', data: { note: 'x'.repeat(200_000) } }))
    expect(await post(`${url}big`, body, hmacHex(body, secret).toUpperCase())).toBe(200)

    const first = await running.waitForLine('stdout', (l) => /cap_\w+/.test(l))
    expect(first).toMatch(/INVALID \(diagnosis-pending\)/)
    const id = /cap_\w+/.exec(first)![0]
    const diagnosed = await running.waitForLine('stdout', (l) => l.includes(`diagnosed ${id}`))
    expect(diagnosed).toMatch(new RegExp(`diagnosed ${id}: signature INVALID \\(uppercase-hex\\): `))
  })
})
