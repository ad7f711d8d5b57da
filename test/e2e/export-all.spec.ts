/**
 * Issue 6, item 11 in the browser: with more captures than the Inbox loads (200 a page), the
 * Export dialog offers every capture matching the filter, shows progress, and the file it
 * downloads holds them all (one NDJSON line each), with secret header values masked.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { goTo, waitForText } from './harness/ui'

const TOTAL = 2_029
const approved = (i: number) => i % 3 !== 0 // 1,352 of 2,029

function harOf(count: number): string {
  const entries = Array.from({ length: count }, (_, i) => ({
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    request: {
      method: 'POST',
      url: `https://example.com/hooks/${i}`,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Authorization', value: 'Bearer e2e-secret-token' }
      ],
      postData: {
        mimeType: 'application/json',
        text: JSON.stringify({ event: approved(i) ? 'submission.approved' : 'invitation.sent', timestamp: '2026-01-01T00:00:00Z', tenantId: 't', data: { n: i } })
      }
    },
    response: { status: 200, headers: [], content: { text: '' } }
  }))
  return JSON.stringify({ log: { version: '1.2', entries } })
}

describe.skipIf(SKIP_E2E)('export from the Inbox in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('exports every capture matching the filter, not only the 200 loaded rows', async () => {
    const { page, serve } = await e2e.open()
    const { imported } = await api(serve, 'exchange.importHar', { content: harOf(TOTAL) })
    expect(imported).toBe(TOTAL)
    const matching = Array.from({ length: TOTAL }, (_, i) => i).filter(approved).length

    await goTo(page, 'inbox')
    await page.getByTestId('filter-event').selectOption('submission.approved')
    // The list loads one page; the count says how many match.
    await waitForText(page.getByTestId('inbox-count'), new RegExp(`^200 of ${matching} captures$`))

    await page.getByTestId('export-button').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.getByTestId('export-matching-count').innerText()).toBe(`${matching.toLocaleString('en-US')} captures`)
    await dialog.getByLabel(/NDJSON/).check()
    const download = page.waitForEvent('download', { timeout: 120_000 })
    await dialog.getByTestId('export-confirm').click()
    const file = await (await download).path()

    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(matching)
    const rows = lines.map((l) => JSON.parse(l) as { id: string; event: string; headers: [string, string][] })
    expect(new Set(rows.map((r) => r.id)).size).toBe(matching)
    expect(rows.every((r) => r.event === 'submission.approved')).toBe(true)
    expect(rows[0].headers).toContainEqual(['Authorization', '[masked: 23 characters]'])
    await waitForText(page.getByTestId('toast-success').last(), new RegExp(`Exported ${matching.toLocaleString('en-US')} captures`))
  })
})
