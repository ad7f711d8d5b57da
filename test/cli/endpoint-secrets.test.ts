/**
 * `kyc-hooks endpoints` as a child process: an endpoint's Authorization / X-API-Key values
 * are masked in what it prints (add, list, list --json, update), and stay exact on disk.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, makeTempDir, runCli } from './cli-process'

let dir: string
let db: string
beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const TOKEN = 'Bearer s3cr3t-token-XYZ'
const KEY = 'key-0123456789'

describe('kyc-hooks endpoints: secret header values', { timeout: SPAWN_TIMEOUT * 2 }, () => {
  it('are masked in add, list and list --json, kept by update, and stored exactly', async () => {
    const added = await runCli(['endpoints', 'add', 'Staging', 'https://staging.example/hooks', '--header', `Authorization: ${TOKEN}`, '--header', `X-API-Key: ${KEY}`, '--header', 'X-Route: blue', '--json', '--db', db])
    expect(added.code, added.err).toBe(0)
    const id = (JSON.parse(added.out) as { id: string }).id
    // Before: the values came back in clear.
    expect(added.out).not.toContain('s3cr3t')
    expect(added.out).not.toContain(KEY)

    const listed = await runCli(['endpoints', 'list', '--json', '--db', db])
    expect(listed.code, listed.err).toBe(0)
    const [endpoint] = listed.out.trim().split('\n').map((l) => JSON.parse(l) as { headers: [string, string][] })
    expect(endpoint.headers).toEqual([
      ['Authorization', `[masked: ${TOKEN.length} characters]`],
      ['X-API-Key', `[masked: ${KEY.length} characters]`],
      ['X-Route', 'blue']
    ])

    const updated = await runCli(['endpoints', 'update', id, '--name', 'Staging 2', '--db', db])
    expect(updated.code, updated.err).toBe(0)
    expect(updated.out).toContain('Authorization: [masked: 23 characters]')
    expect(updated.out).not.toContain('s3cr3t')

    const reader = new Database(db, { readonly: true })
    const row = reader.prepare('SELECT headers FROM endpoints WHERE id = ?').get(id) as { headers: string }
    reader.close()
    expect(JSON.parse(row.headers)).toEqual([
      ['Authorization', TOKEN],
      ['X-API-Key', KEY],
      ['X-Route', 'blue']
    ])
  })
})
