import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, hmacHex, makeTempDir, runCli } from './cli-process'

const SECRET = 'skyc_sec_test_0123456789'
// Odd bytes on purpose: a BOM-less body with CRLF, a trailing newline and a non-ASCII character.
const BODY = Buffer.from('{"event":"submission.completed","data":{"name":"Zoë"}}\r\n', 'utf8')

let dir: string
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks sign', { timeout: SPAWN_TIMEOUT }, () => {
  it('prints the lowercase hex HMAC-SHA256 of the exact bytes from a file and from stdin', async () => {
    const file = path.join(dir, 'body.json')
    fs.writeFileSync(file, BODY)
    const expected = hmacHex(BODY, SECRET)
    const fromFile = await runCli(['sign', '--secret', SECRET, file])
    expect(fromFile.code, fromFile.err).toBe(0)
    expect(fromFile.out).toBe(`${expected}\n`)
    const fromStdin = await runCli(['sign', '--secret', SECRET, '-'], { input: BODY })
    expect(fromStdin.out).toBe(`${expected}\n`)
    // Trimming the newline would be a different signature: the CLI must not trim.
    expect(expected).not.toBe(hmacHex(BODY.subarray(0, BODY.length - 2), SECRET))
  })
})

describe('kyc-hooks verify', { timeout: SPAWN_TIMEOUT }, () => {
  it('exits 0 and says VALID for the right signature', async () => {
    const r = await runCli(['verify', '--secret', SECRET, '--signature', hmacHex(BODY, SECRET), '-'], { input: BODY })
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/^VALID/)
    expect(r.out).toContain('no timestamp')
  })

  it('exits 1 with the diagnosis, expected and received for an upper-case signature', async () => {
    const upper = hmacHex(BODY, SECRET).toUpperCase()
    const r = await runCli(['verify', '--secret', SECRET, '--signature', upper, '-'], { input: BODY })
    expect(r.code, r.err).toBe(1)
    expect(r.out).toMatch(/^INVALID \(uppercase-hex\): /)
    expect(r.out).toContain(`expected: ${hmacHex(BODY, SECRET)}`)
    expect(r.out).toContain(`received: ${upper}`)
    expect(r.out).toMatch(/hint: /)
  })

  it('explains a re-serialised body: signed compact, verified pretty', async () => {
    const compact = Buffer.from(JSON.stringify({ event: 'submission.completed', data: { a: 1 } }))
    const pretty = Buffer.from(JSON.stringify(JSON.parse(compact.toString()), null, 2))
    const r = await runCli(['verify', '--secret', SECRET, '--signature', hmacHex(compact, SECRET), '-'], { input: pretty })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^INVALID \(reserialized-body\)/)
  })

  it('prints the verdict as JSON with --json', async () => {
    const r = await runCli(['verify', '--secret', 'other', '--secret', SECRET, '--signature', hmacHex(BODY, SECRET), '--json'], {
      input: BODY
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ status: 'valid', matchedSecret: '--secret #2' })
  })
})
