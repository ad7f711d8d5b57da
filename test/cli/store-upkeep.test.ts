/**
 * `kyc-hooks retention` (show/set the retention setting) and `kyc-hooks vacuum` (compact
 * with a progress line per step), run as real child processes over a real database file.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from './cli-process'
import { openDatabase } from '../../src/core/store/database'
import { createCapturesRepo } from '../../src/core/receiver/captures-repo'
import { syntheticCapture } from '../../bench/synthetic-captures'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-upkeep-'))
  dirs.push(dir)
  return path.join(dir, 'workbench.sqlite')
}

describe('kyc-hooks retention and vacuum', () => {
  it('retention shows, sets and turns off the setting', async () => {
    const db = tempFile()
    const shown = await runCli(['--db', db, 'retention'])
    expect(shown.code).toBe(0)
    expect(shown.out).toContain('keep every capture (no limit)')
    const set = await runCli(['--db', db, 'retention', '--keep', '5000', '--days', '30'])
    expect(set.code).toBe(0)
    expect(set.out).toContain('Retention: keep the newest 5000 and only those of the last 30 days')
    expect((await runCli(['--db', db, 'retention'])).out).toContain('the newest 5000')
    const bad = await runCli(['--db', db, 'retention', '--keep', '0'])
    expect(bad.code).not.toBe(0)
    expect(bad.err).toContain('--keep')
    expect((await runCli(['--db', db, 'retention', '--off'])).out).toContain('no limit')
  })

  it('vacuum compacts a file whose captures were deleted, printing each step', async () => {
    const file = tempFile()
    const db = openDatabase(file)
    const repo = createCapturesRepo(db)
    db.transaction(() => {
      for (let i = 0; i < 600; i++) repo.insert(syntheticCapture(i, { listenerIds: ['lst_a'] }))
    })()
    db.prepare('DELETE FROM captures WHERE seq > 50').run()
    db.close()
    const before = fs.statSync(file).size

    const result = await runCli(['--db', file, 'vacuum'])
    expect(result.code).toBe(0)
    const lines = result.out.trim().split('\n')
    expect(lines.filter((l) => /^step \d\/4: /.test(l))).toHaveLength(4)
    expect(lines[lines.length - 1]).toMatch(/^Compacted .*workbench\.sqlite: [\d.]+ MB → [\d.]+ MB$/)
    expect(fs.statSync(file).size).toBeLessThan(before / 2)
    const again = openDatabase(file)
    expect(createCapturesRepo(again).list({ q: 'example', limit: 100 }).total).toBe(50)
    again.close()
  })
})
