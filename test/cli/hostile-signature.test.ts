/**
 * The CLI as a child process against a crafted signature header, and `listen` stopped by
 * SIGTERM in the middle of a load: the answers a user's script sees.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, hmacHex, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

const SECRET = 'skyc_sec_test_0123456789'
const BODY = Buffer.from('{"event":"submission.completed","data":{"status":"completed"}}')

let dir: string
let running: BackgroundCli | null = null
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(async () => {
  await running?.stop('SIGKILL')
  running = null
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks verify: a crafted header', { timeout: SPAWN_TIMEOUT }, () => {
  it('6,500 "a=" prefixes: exit 1 with a reason, never exit 2 or a stack overflow', async () => {
    const signature = 'a='.repeat(6500) + hmacHex(BODY, SECRET)
    const r = await runCli(['verify', '--secret', SECRET, '--signature', signature, '-'], { input: BODY })
    // Before: exit 2, "Maximum call stack size exceeded".
    expect(r.code, r.err).toBe(1)
    expect(r.out).toMatch(/^INVALID \(malformed-signature\): .*more than 4 "name=" prefixes/)
    expect(r.err).not.toMatch(/call stack/i)
    expect(r.out.length).toBeLessThan(8000)
  })
})

/** POSTs `body` once on a fresh connection; the status, or the error code when there was no answer. */
function post(url: string, body: Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    })
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    req.end(body)
  })
}

describe('kyc-hooks listen: SIGTERM under load', { timeout: SPAWN_TIMEOUT * 2 }, () => {
  it('answers every request it committed: rows stored == 2xx answers, no committed request cut off', async () => {
    const db = path.join(dir, 'w.sqlite')
    running = startCli(['listen', '--http', '--port', '0', '--delay', '300', '--db', db])
    const url = await running.listenUrl('stdout')
    // Senders keep posting until the listener is gone; the 300 ms delay keeps requests
    // committed but unanswered when the signal lands.
    const outcomes: (number | string)[] = []
    let stop = false
    const senders = Array.from({ length: 6 }, async (_, i) => {
      for (let n = 0; !stop; n++) {
        const outcome = await post(`${url}s${i}/${n}`, BODY)
        outcomes.push(outcome)
        if (typeof outcome === 'string' && outcome === 'ECONNREFUSED') return
      }
    })
    while (outcomes.length < 12) await new Promise((r) => setTimeout(r, 20))
    const exited = await running.stop('SIGTERM')
    stop = true
    await Promise.all(senders)
    expect(exited.code).toBe(0)

    const reader = new Database(db, { readonly: true })
    const rows = (reader.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n
    reader.close()
    const answered2xx = outcomes.filter((o) => typeof o === 'number' && o >= 200 && o < 300).length
    // Before: 1 to 3 committed requests got ECONNRESET instead of their answer.
    expect(rows).toBe(answered2xx)
    expect(outcomes.filter((o) => typeof o === 'number' && o >= 500 && o !== 503)).toEqual([])
  })
})
