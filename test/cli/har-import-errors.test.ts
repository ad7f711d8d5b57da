/**
 * `kyc-hooks import` on a malformed HAR file: the one-line error names the entry, the path of
 * the bad field and the value found there, exits 2, and stores nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, jsonLines, makeTempDir, runCli } from './cli-process'

let dir: string
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const goodEntry = { startedDateTime: '2026-01-01T00:00:00.000Z', request: { method: 'POST', url: 'https://example.com/hook', headers: [] } }

describe('kyc-hooks import of a malformed HAR', () => {
  it('names the field path and the value, and imports nothing', async () => {
    const db = path.join(dir, 'data.sqlite')
    const file = path.join(dir, 'bad.har')
    const entries = [goodEntry, goodEntry, goodEntry, { ...goodEntry, request: { method: 'POST', url: 42 } }]
    fs.writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }))

    const r = await runCli(['import', file, '--db', db])
    expect(r.code, r.err).toBe(2)
    const lines = r.err.split('\n').filter(Boolean)
    expect(lines, r.err).toHaveLength(1)
    expect(lines[0]).toContain('entry 4: log.entries[3].request.url: expected a string, got 42; nothing was imported')

    const captures = await runCli(['captures', '--json', '--db', db])
    expect(captures.code, captures.err).toBe(0)
    expect(jsonLines(captures.out.split('\n'))).toHaveLength(0)
  }, SPAWN_TIMEOUT)

  it('names the header whose value has the wrong type', async () => {
    const file = path.join(dir, 'bad-header.har')
    const bad = { ...goodEntry, request: { ...goodEntry.request, headers: [{ name: 'X-A', value: 'a' }, { name: 'X-B', value: { nested: true } }] } }
    fs.writeFileSync(file, JSON.stringify({ log: { entries: [bad] } }))
    const r = await runCli(['import', file, '--db', path.join(dir, 'data.sqlite')])
    expect(r.code, r.err).toBe(2)
    expect(r.err).toContain('entry 1: log.entries[0].request.headers[1].value: expected a string, got {"nested":true}')
  }, SPAWN_TIMEOUT)
})
