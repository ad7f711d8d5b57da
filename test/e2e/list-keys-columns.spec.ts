import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { screenshot } from './harness/screenshot'
import { api, useE2E } from './harness/session'
import { eventually, goTo } from './harness/ui'

const DAY_MS = 24 * 60 * 60 * 1000

/** A HAR of `count` submission.approved captures to different paths, half of them yesterday. */
function approvedHar(count: number): string {
  const now = Date.now()
  const entries = Array.from({ length: count }, (_, i) => ({
    startedDateTime: new Date(now - (i % 2 === 0 ? 0 : DAY_MS) - i * 60_000).toISOString(),
    request: {
      method: 'POST',
      url: `http://127.0.0.1:8443/hooks/tenant-${String.fromCharCode(97 + i)}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ event: 'submission.approved', timestamp: new Date(now).toISOString(), data: { submissionId: `sub_${i}` }, tenantId: 't' }) }
    },
    response: { status: 200, headers: [], content: { text: '' } }
  }))
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } })
}

const hashId = (page: Page) => decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')

// Issue 6, items 14 (j/k/Enter right after load, detail follows) and 16 (a distinguishing
// column and the date stay visible with the detail open at 1440 px).
describe.skipIf(SKIP_E2E)('list keys and inbox columns', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('Inbox: j/k/Enter work right after load, the detail follows j/k, and path and date stay visible at 1440 px', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    expect((await api(serve, 'exchange.importHar', { content: approvedHar(17) })).imported).toBe(17)
    await page.reload()
    const rows = page.getByTestId('capture-row')
    await rows.nth(16).waitFor({ state: 'attached' })
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-capture-id') ?? ''))

    // Nothing clicked, nothing focused: the keys the status bar advertises work at once.
    await page.keyboard.press('j')
    await eventually(() => rows.nth(1).getAttribute('class'), (c) => /vlist-row-active/.test(c ?? ''), 'j to move the cursor')
    await page.keyboard.press('Enter')
    await page.getByTestId('capture-detail').waitFor({ state: 'visible' })
    expect(hashId(page)).toBe(ids[1])
    await page.keyboard.press('j')
    await eventually(async () => hashId(page), (id) => id === ids[2], 'the detail to follow j')
    await page.keyboard.press('k')
    await page.keyboard.press('k')
    await eventually(async () => hashId(page), (id) => id === ids[0], 'the detail to follow k')

    // The detail is open: the path tells the 17 submission.approved rows apart.
    const paths = rows.locator('.cell-path')
    expect(await paths.first().isVisible()).toBe(true)
    const shown = await paths.evaluateAll((els) => els.filter((e) => (e as unknown as { offsetWidth: number }).offsetWidth > 40).map((e) => e.textContent))
    expect(new Set(shown).size).toBe(17)
    // The rows span two days: every row shows its date, today's included.
    const times = await page.getByTestId('capture-time').allInnerTexts()
    expect(times).toHaveLength(17)
    for (const t of times) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d$/)
    await screenshot(page, 'item16-inbox-detail-open-1440')
  })

  it('Deliveries: j then Enter right after switching screens opens a delivery, and j moves the detail', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    const listener = await api(serve, 'listeners.create', { name: 'keys', protocol: 'http', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    const { body } = await api(serve, 'catalog.template', { event: 'submission.approved' })
    for (let i = 0; i < 3; i++) {
      await api(serve, 'send.event', { event: 'submission.approved', body, to: [{ url: `${state.url}n${i}` }], secret: 'k' })
    }
    await goTo(page, 'deliveries')
    const rows = page.getByTestId('delivery-row')
    await rows.nth(2).waitFor({ state: 'attached' })
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-delivery-id') ?? ''))
    // Focus is on the sidebar link that was clicked, not on the list.
    await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await page.getByTestId('delivery-detail').waitFor({ state: 'visible' })
    expect(hashId(page)).toBe(ids[1])
    await page.keyboard.press('j')
    await eventually(async () => hashId(page), (id) => id === ids[2], 'the delivery detail to follow j')
    await screenshot(page, 'item14-deliveries-keys-1440')
  })

  it('Deliveries: rows that span days show the date on every row, as the Inbox does', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    const listener = await api(serve, 'listeners.create', { name: 'days', protocol: 'http', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    const { body } = await api(serve, 'catalog.template', { event: 'submission.approved' })
    for (let i = 0; i < 2; i++) {
      await api(serve, 'send.event', { event: 'submission.approved', body, to: [{ url: `${state.url}d${i}` }], secret: 'k' })
    }
    // One delivery made yesterday: the sender stamps deliveries with the clock, so the
    // test moves one back in the real database file (the serve process shares it, WAL).
    const db = new Database(serve.dbFile)
    const [older] = db.prepare('SELECT id FROM deliveries ORDER BY created_at LIMIT 1').all() as { id: string }[]
    db.prepare('UPDATE deliveries SET created_at = ? WHERE id = ?').run(new Date(Date.now() - DAY_MS).toISOString(), older.id)
    db.close()
    await goTo(page, 'deliveries')
    const times = page.getByTestId('delivery-time')
    await times.nth(1).waitFor({ state: 'attached' })
    // Before: today's row showed "14:03:07.125" beside "Dec 1 14:03:07".
    const texts = await times.allInnerTexts()
    expect(texts).toHaveLength(2)
    for (const t of texts) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d$/)
    // The date fits its column, with the detail open too.
    await page.getByTestId('delivery-row').first().click()
    await page.getByTestId('delivery-detail').waitFor({ state: 'visible' })
    const clipped = await times.evaluateAll((els) => els.some((e) => (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (e as unknown as { clientWidth: number }).clientWidth))
    expect(clipped).toBe(false)
    await screenshot(page, 'deliveries-span-days-1440')
  })

  it('leaves j alone while typing in the search box', async () => {
    const { page, serve } = await e2e.open()
    expect((await api(serve, 'exchange.importHar', { content: approvedHar(3) })).imported).toBe(3)
    await page.reload()
    await page.getByTestId('capture-row').nth(2).waitFor({ state: 'attached' })
    await page.getByTestId('inbox-search').fill('')
    await page.getByTestId('inbox-search').press('j')
    expect(await page.getByTestId('inbox-search').inputValue()).toBe('j')
    expect(await page.getByTestId('capture-row').nth(1).getAttribute('class')).not.toMatch(/vlist-row-active/)
    await page.getByTestId('inbox-search').press('Enter')
    expect(await page.getByTestId('capture-detail').count()).toBe(0)
  })
})
