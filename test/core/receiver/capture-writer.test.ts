import { afterEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import { cleanupAll, harness, httpRequest, rawExchange } from './helpers'
import Database from 'better-sqlite3'
import { checkpointStats } from '../../../src/core/store/database'
import { runningWriterThreads } from '../../../src/core/receiver/capture-writer-thread'

afterEach(cleanupAll)

describe('receiver: group commit and checkpoints', () => {
  it('moves checkpoints off the request path from the first capture, and closing still folds the WAL in', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    expect(checkpointStats(h.db)).toBeNull()

    const res = await rawExchange(port, null, httpRequest('POST', '/first', [], Buffer.from('{"event":"x"}')))
    expect(res.status).toBe(200)
    await vi.waitFor(() => expect(checkpointStats(h.db)?.state).toBe('running'), { timeout: 15_000 })
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)

    // A burst of concurrent captures: every answer means a committed row.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => rawExchange(port, null, httpRequest('POST', `/burst/${i}`, [], Buffer.from(`{"n":${i}}`))))
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect((await h.receiver.captures.list({ limit: 1 })).total).toBe(51)

    await h.close()
    expect(fs.existsSync(`${h.dbFile}-wal`)).toBe(false)
  })

  it('inserts on its own thread: while another connection holds the write lock the event loop keeps running, and the reply waits for the commit', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    // The thread starts with the first capture (which commits on the event loop meanwhile).
    for (let i = 0; runningWriterThreads() === 0; i++) {
      expect(i).toBeLessThan(200)
      const warm = await rawExchange(port, null, httpRequest('POST', `/warm/${i}`, [], Buffer.from(`{"n":${i}}`)))
      expect(warm.status).toBe(200)
    }
    const before = (h.db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n

    // Another process's writer (here: another connection) holds the write lock.
    const other = new Database(h.dbFile)
    other.exec('BEGIN IMMEDIATE')
    let answered = false
    const reply = rawExchange(port, null, httpRequest('POST', '/while-locked', [], Buffer.from('{"locked":true}'))).then((r) => {
      answered = true
      return r
    })
    // The event loop is free: timers run while the capture waits for the lock. (On the event
    // loop, the insert would block this thread in SQLite's busy wait until it gave up with a 503.)
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 25))
    expect(answered).toBe(false)
    other.exec('COMMIT')
    other.close()

    const res = await reply
    expect(res.status).toBe(200)
    const rows = h.db.prepare("SELECT path FROM captures WHERE path = '/while-locked'").all()
    expect(rows).toHaveLength(1)
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n).toBe(before + 1)

    await h.close()
    expect(runningWriterThreads()).toBe(0)
    expect(fs.existsSync(`${h.dbFile}-wal`)).toBe(false)
  })
})
