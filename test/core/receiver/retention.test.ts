/**
 * Retention (issue 10): the oldest captures beyond "keep the last N" or "the last D days"
 * are deleted in small batches while a real listener keeps capturing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { createRetention } from '../../../src/core/receiver/retention'
import type { Settings } from '../../../src/shared/models'

afterEach(cleanupAll)

describe('retention', () => {
  it('keeps the newest N, deleting in batches while captures continue through a listener', async () => {
    const h = await harness()
    const l = await h.listen({ protocol: 'http' })
    const send = (i: number) => rawExchange(l.port, null, httpRequest('POST', `/r/${i}`, [], Buffer.from(`{"n":${i}}`)))
    for (let i = 0; i < 40; i++) await send(i)
    let setting: Settings['retention'] = { keepLast: null, keepDays: null }
    const retention = createRetention({ db: h.db, bus: h.bus, settings: () => setting, batchSize: 4 })
    expect(await retention.enforce()).toBe(0)

    setting = { keepLast: 10, keepDays: null }
    const pass = retention.enforce()
    // Captures keep arriving and being answered while the pass deletes.
    const during = await Promise.all([40, 41, 42, 43, 44].map(send))
    expect(during.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    await pass
    await retention.enforce()

    const rows = h.db.prepare('SELECT path FROM captures ORDER BY seq').all() as { path: string }[]
    expect(rows.map((r) => r.path)).toEqual(Array.from({ length: 10 }, (_, i) => `/r/${35 + i}`))
    const deletions = eventsOf(h, 'captures.deleted')
    expect(deletions.length).toBeGreaterThanOrEqual(35 / 4)
    expect(deletions.every((d) => d.ids.length <= 4 && !d.all)).toBe(true)
    expect(deletions.reduce((n, d) => n + d.ids.length, 0)).toBe(35)
    // The search index followed the deletes.
    expect((await h.receiver.captures.list({ q: '"n":3', limit: 50 })).items.map((c) => c.path)).toEqual(['/r/39', '/r/38', '/r/37', '/r/36', '/r/35'])
    await retention.stop()
  })

  it('keeps the last D days', async () => {
    const h = await harness()
    const l = await h.listen({ protocol: 'http' })
    for (let i = 0; i < 12; i++) await rawExchange(l.port, null, httpRequest('POST', `/d/${i}`, [], Buffer.from('{}')))
    // Age the first seven by ten days.
    h.db.prepare("UPDATE captures SET received_at = '2020-01-01T00:00:00.000Z' WHERE seq <= 7").run()
    const retention = createRetention({ db: h.db, bus: h.bus, settings: () => ({ keepLast: null, keepDays: 3 }), batchSize: 2 })
    expect(await retention.enforce()).toBe(7)
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n).toBe(5)
    await retention.stop()
  })
})
