/**
 * "2xx means committed", with the insert on the capture writer's thread: a `listen` process
 * killed with SIGKILL in the middle of a burst keeps every capture it acknowledged, byte
 * for byte. Real parts: the CLI as a child process, real HTTP, the real SQLite file read
 * afterwards by a fresh connection.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, makeTempDir, startCli, type BackgroundCli } from './cli-process'

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

describe('listen killed mid-burst', { timeout: SPAWN_TIMEOUT }, () => {
  it('keeps every acknowledged capture, byte for byte, after SIGKILL', async () => {
    const listener = startCli(['listen', '--port', '0', '--http', '--json', '--db', db])
    running.push(listener)
    const url = await listener.listenUrl('stderr')

    const acknowledged: string[] = []
    let n = 0
    let stop = false
    const sender = async (): Promise<void> => {
      while (!stop) {
        const body = JSON.stringify({ event: 'submission.updated', data: { n: n++, pad: 'x'.repeat(n % 700) } })
        try {
          const res = await fetch(`${url}hooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
          await res.arrayBuffer()
          if (res.status === 200) acknowledged.push(body)
        } catch {
          // The process is gone: whatever was not answered 2xx need not be there.
        }
      }
    }
    const senders = Array.from({ length: 8 }, sender)
    // Enough captures that the writer's thread is running and batches are in flight.
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20))
    await listener.stop('SIGKILL')
    stop = true
    await Promise.all(senders)

    const reader = new Database(db, { readonly: true })
    const stored = new Set((reader.prepare('SELECT body FROM captures').all() as { body: Buffer }[]).map((r) => r.body.toString('utf8')))
    reader.close()
    const missing = acknowledged.filter((b) => !stored.has(b))
    expect(acknowledged.length).toBeGreaterThanOrEqual(300)
    expect(missing).toEqual([])
  })
})
