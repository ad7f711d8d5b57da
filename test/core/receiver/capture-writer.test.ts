import { afterEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import { cleanupAll, harness, httpRequest, rawExchange } from './helpers'
import { checkpointStats } from '../../../src/core/store/database'

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
})
