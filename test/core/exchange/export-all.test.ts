/**
 * Export takes everything a filter matches, page by page from the database (issue 6, item
 * 11): not the 200 rows a list happened to load. Captures go in through the real HAR import
 * path; deliveries through the real sender to a real HTTP server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createExchangeService, type ExchangeService } from '../../../src/core/exchange'
import type { ExportPage, ExportRequest } from '../../../src/shared/contract'
import { startServer, type Harness, type TestServer } from '../sender/harness'
import { openHarnessWithRig, type CaptureRig } from './capture-helpers'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(): Promise<{ h: Harness; rig: CaptureRig; exchange: ExchangeService }> {
  const { h, rig } = await openHarnessWithRig(cleanups)
  return { h, rig, exchange: createExchangeService({ db: h.db, receiver: rig.receiver, sender: h.sender, caCertPath: () => h.tls.caCertPath() }) }
}

/** Every page of an export, the way the UI and the CLI drive it. */
async function exportAll(exchange: ExchangeService, req: ExportRequest): Promise<{ content: string; pages: ExportPage[] }> {
  const pages: ExportPage[] = []
  let cursor: string | undefined
  do {
    const page = await exchange.export({ includeSecrets: false, pageSize: 500, ...req, ...(cursor ? { cursor } : {}) })
    pages.push(page)
    cursor = page.next ?? undefined
  } while (cursor)
  return { content: pages.map((p) => p.content).join(''), pages }
}

function harOf(count: number, event: (i: number) => string): string {
  const entries = Array.from({ length: count }, (_, i) => ({
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
    request: {
      method: 'POST',
      url: `https://example.com/hooks/${i}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ event: event(i), timestamp: '2026-01-01T00:00:00Z', tenantId: 't', data: { n: i } }) }
    },
    response: { status: 200, headers: [], content: { text: '' } }
  }))
  return JSON.stringify({ log: { version: '1.2', entries } })
}

describe('export of everything that matches', () => {
  it('streams all 1,500 of 2,100 captures matching an event filter, in pages, as NDJSON and as HAR', async () => {
    const s = await setup()
    const approved = (i: number) => i % 7 < 5 // 5 of every 7: 1,500 of 2,100
    const { imported } = await s.exchange.importHar({ content: harOf(2_100, (i) => (approved(i) ? 'submission.approved' : 'aml.match.found')) })
    expect(imported).toBe(2_100)

    const ndjson = await exportAll(s.exchange, { format: 'ndjson', captures: { event: 'submission.approved' } })
    const lines = ndjson.content.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; event: string })
    expect(lines).toHaveLength(1_500)
    expect(new Set(lines.map((l) => l.id)).size).toBe(1_500)
    expect(lines.every((l) => l.event === 'submission.approved')).toBe(true)
    // Pages of at most 500 rows, with progress (done of total) on each.
    expect(ndjson.pages.map((p) => p.rows)).toEqual([500, 500, 500, 0].slice(0, ndjson.pages.length))
    expect(ndjson.pages.map((p) => [p.done, p.total])).toEqual(ndjson.pages.map((_, i) => [Math.min(500 * (i + 1), 1_500), 1_500]))

    const har = JSON.parse((await exportAll(s.exchange, { format: 'har', captures: { event: 'submission.approved' }, pageSize: 300 })).content) as {
      log: { entries: Array<{ _smartkyc: { id: string } }> }
    }
    expect(har.log.entries).toHaveLength(1_500)
    expect(har.log.entries.map((e) => e._smartkyc.id)).toEqual(lines.map((l) => l.id))
  })

  it('exports every delivery matching a filter, across pages', async () => {
    const s = await setup()
    const target: TestServer = await startServer()
    cleanups.push(() => target.close())
    for (let i = 0; i < 5; i++) {
      await s.h.sender.send.event({
        event: i < 3 ? 'submission.created' : 'invitation.sent',
        body: `{"n":${i}}`,
        to: [{ url: `${target.url}/d${i}`, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
        origin: 'cli'
      })
    }
    const { content, pages } = await exportAll(s.exchange, { format: 'ndjson', deliveries: { event: 'submission.created' }, pageSize: 2 })
    const rows = content.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; url: string; attempts: unknown[] })
    expect(rows.map((r) => r.url)).toEqual([2, 1, 0].map((i) => `${target.url}/d${i}`))
    expect(rows.every((r) => r.attempts.length === 1)).toBe(true)
    expect(pages[0]).toMatchObject({ rows: 2, done: 2, total: 3 })
    expect(pages[0].filename).toMatch(/^smart-kyc-deliveries-.*\.ndjson$/)

    const har = JSON.parse((await exportAll(s.exchange, { format: 'har', deliveries: {}, pageSize: 2 })).content) as { log: { entries: unknown[] } }
    expect(har.log.entries).toHaveLength(5)
  })

  it('refuses a cursor it did not make and a request naming two scopes', async () => {
    const s = await setup()
    await expect(s.exchange.export({ format: 'ndjson', cursor: 'nonsense', includeSecrets: false, pageSize: 500 })).rejects.toThrow(/cursor "nonsense" is not one this Workbench made/)
    await expect(s.exchange.export({ format: 'ndjson', ids: ['cap_x'], captures: {}, includeSecrets: false, pageSize: 500 })).rejects.toThrow(/not several/)
  })
})
