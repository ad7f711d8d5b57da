import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, makeTempDir, runCli, type CliResult } from './cli-process'

let dir: string
let db: string

beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A user error ends as exactly one `kyc-hooks: ...` line on stderr, exit 2, no stack trace. */
function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.err).toBe(2)
  const lines = r.err.split('\n').filter(Boolean)
  expect(lines, r.err).toHaveLength(1)
  expect(lines[0]).toMatch(/^kyc-hooks: /)
  expect(lines[0]).toMatch(pattern)
  expect(r.err).not.toMatch(/\n\s+at /)
}

describe('kyc-hooks errors', { timeout: SPAWN_TIMEOUT }, () => {
  it('unknown command', async () => {
    expectOneLineError(await runCli(['frobnicate', '--db', db]), /unknown command 'frobnicate'/)
  })

  it('unknown option', async () => {
    expectOneLineError(await runCli(['captures', '--colour', '--db', db]), /unknown option '--colour'/)
  })

  it('a number flag that is not a number names the value and the range', async () => {
    expectOneLineError(await runCli(['listen', '--port', '70000', '--db', db]), /'70000' is invalid.*--port must be a whole number from 0 to 65535/)
    expectOneLineError(await runCli(['captures', '--limit', 'ten', '--db', db]), /'ten' is invalid/)
  })

  it('an unknown event lists the 11 events', async () => {
    expectOneLineError(await runCli(['send', 'submission.done', '--to', 'http://127.0.0.1:9/', '--db', db]), /unknown event "submission.done": choose one of submission.created, .*aml.match.dismissed/)
  })

  it('invalid JSON in --data says where', async () => {
    const file = path.join(dir, 'payload.json')
    fs.writeFileSync(file, '{\n  "event": "submission.completed",\n}\n')
    const r = await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--data', file, '--db', db])
    expectOneLineError(r, /is not valid JSON: Unexpected token } at line 3 column 1/)
    expect(r.err).toContain(file)
  })

  it('invalid JSON on stdin, an unreadable --data file and --data that is not UTF-8', async () => {
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--data', '-', '--db', db], { input: '[1,' }),
      /--data stdin is not valid JSON: Unexpected end of JSON input at line 1 column 4/
    )
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--data', path.join(dir, 'nope.json'), '--db', db]),
      /cannot read --data .*nope\.json: no such file/
    )
    const latin1 = path.join(dir, 'latin1.json')
    fs.writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]))
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--data', latin1, '--db', db]),
      /is not UTF-8 text/
    )
  })

  it('a bad URL, a bad header, a missing --ca file and a bad --set', async () => {
    expectOneLineError(await runCli(['send', 'submission.completed', '--to', 'not a url', '--db', db]), /--to "not a url" is not a URL/)
    expectOneLineError(await runCli(['send', 'submission.completed', '--to', 'ftp://x/', '--db', db]), /is not an http\(s\) URL/)
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--header', 'NoColonHere', '--db', db]),
      /--header "NoColonHere" is not "Name: value"/
    )
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--ca', path.join(dir, 'missing.pem'), '--db', db]),
      /cannot read --ca .*missing\.pem: no such file/
    )
    expectOneLineError(
      await runCli(['send', 'submission.completed', '--to', 'http://127.0.0.1:9/', '--set', '__proto__.x=1', '--db', db]),
      /"__proto__" in its path, which is not allowed/
    )
  })

  it('a missing required option', async () => {
    expectOneLineError(await runCli(['sign']), /required option '--secret <secret>' not specified/)
  })

  it('prints a stack only when KYC_HOOKS_DEBUG=1 is set', async () => {
    // Error objects from commander carry stacks too: the default output must not show one.
    const r = await runCli(['send', 'nope', '--to', 'http://127.0.0.1:9/'], { env: { KYC_HOOKS_DEBUG: '1', KYC_HOOKS_DB: db } })
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^kyc-hooks: unknown event/)
    expect(r.err).toMatch(/\n\s+at /)
  })
})
