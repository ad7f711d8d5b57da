/**
 * The Inbox store at scale (issue 10, UI at 100,000 captures), against a real engine on a
 * temporary SQLite file: the first page is asked for once even when the shell and the
 * screen both ask, and whether rows span days is kept from what each page or live batch
 * adds instead of being re-read from every loaded row.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { captureSummary } from './fixtures'
import { engine, useStoreWithEngine, useWorkbench } from './store-with-engine'

/** Methods called through the bridge, in order (the engine answers every one). */
let calls: string[] = []
useStoreWithEngine({ beforeCall: (method) => void calls.push(method) })
beforeEach(() => {
  calls = []
})

/** Imports captures received at `times` (oldest first) as a HAR file. */
async function importAt(times: Date[]): Promise<void> {
  const entries = times.map((at, i) => ({
    startedDateTime: at.toISOString(),
    time: 1,
    request: {
      method: 'POST', url: `http://127.0.0.1:9/hooks/${i}`, httpVersion: 'HTTP/1.1', cookies: [], queryString: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ event: 'submission.created', data: { i } }) }, headersSize: -1, bodySize: -1
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'text/plain', text: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 }
  }))
  await engine.bridge.call('exchange.importHar', { content: JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } }) })
}

/** Noon, `daysAgo` local days before today, plus `seconds`. */
const noon = (daysAgo: number, seconds = 0) => {
  const d = new Date()
  d.setHours(12, 0, seconds, 0)
  d.setDate(d.getDate() - daysAgo)
  return d
}

describe('inbox store at scale', () => {
  it('sends one first-page request when the screen joins the one the shell started', async () => {
    await importAt([noon(0, 1), noon(0, 2)])
    const inbox = () => useWorkbench.getState().inbox
    const shell = inbox().load()
    const screen = inbox().load({ joinPending: true })
    await Promise.all([shell, screen])
    expect(calls.filter((m) => m === 'captures.list')).toEqual(['captures.list'])
    expect(inbox().items.map((c) => c.path)).toEqual(['/hooks/1', '/hooks/0'])

    // A plain load (a refresh, new filters) still asks again.
    await inbox().load()
    expect(calls.filter((m) => m === 'captures.list')).toHaveLength(2)
  })

  it('tells whether the rows span days from each page and live batch', async () => {
    // 250 captures yesterday, then 200 today: the first page (200) is all today.
    await importAt([...Array.from({ length: 250 }, (_, i) => noon(1, i)), ...Array.from({ length: 200 }, (_, i) => noon(0, i))])
    const inbox = () => useWorkbench.getState().inbox
    await inbox().load()
    expect(inbox().items).toHaveLength(200)
    expect(inbox().spansDays).toBe(false)
    await inbox().loadMore()
    expect(inbox().items).toHaveLength(400)
    expect(new Set(inbox().items.map((c) => c.id)).size).toBe(400)
    expect(inbox().spansDays).toBe(true)

    // Deleting the older day's rows narrows the list to one day again.
    const older = inbox().items.slice(200).map((c) => c.id)
    inbox().applyLive([], [{ ids: older, all: false }])
    expect(inbox().spansDays).toBe(false)

    // A live capture from another day (a clock change, an import) widens it.
    const top = inbox().items[0]
    inbox().applyLive([captureSummary(top.seq + 1, { id: 'cap_live', receivedAt: noon(3).toISOString() })], [])
    expect(inbox().items[0].id).toBe('cap_live')
    expect(inbox().spansDays).toBe(true)
  })
})
