/**
 * "Check a handler" in the browser UI: enter a test handler's URL, run, watch the progress,
 * read the report card, open a failed check to the exact request and response, copy it as
 * curl; and the "Audit" action on an endpoint row opens the screen for that endpoint.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startHandler } from '../core/audit/handlers'
import { E2E_TIMEOUT_MS, REPO_ROOT, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { waitForText } from './harness/ui'

describe.skipIf(SKIP_E2E)('Check a handler in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('runs the audit with progress, shows the report card, and opens a failed check to its request, response and curl', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    const creds = await api(serve, 'credentials.create', {})
    const handler = await startHandler('duplicate-500', creds.secret!)
    e2e.defer(() => handler.close())

    await page.getByTestId('nav-audit').click()
    await page.getByTestId('screen-audit').waitFor({ state: 'visible' })
    await page.getByTestId('audit-url').fill(handler.url)
    // A generous budget: on a loaded CI machine 20 concurrent deliveries to a local handler can
    // take over the default 2 s, and this test is about the report card, not the handler's speed.
    await page.getByTestId('audit-budget').fill('10000')
    await page.getByTestId('audit-run').click()
    await page.getByTestId('audit-progress').waitFor({ state: 'visible' })
    const summary = page.getByTestId('audit-summary')
    await waitForText(summary, /1 check failed/, 90_000)
    expect(await summary.innerText()).toMatch(/7 passed, 1 warned/)

    const card = page.getByTestId('audit-report')
    expect(await card.locator('details').count()).toBe(9)
    const failed = page.getByTestId('audit-check-duplicates')
    expect(await failed.innerText()).toContain('the duplicate got 500')
    await failed.locator('summary').click()
    await waitForText(failed, /Idempotency: Handle duplicate webhook deliveries/)
    await failed.getByTestId('audit-show-exchange').first().click()
    const request = failed.getByTestId('audit-request')
    await waitForText(request, /X-SmartKYC-Signature: [0-9a-f]{64}/)
    expect(await request.innerText()).toContain(`POST ${handler.url}`)
    await waitForText(failed.getByTestId('audit-response'), /^500 in \d+ ms/)
    expect(await failed.getByTestId('audit-response').innerText()).toContain('duplicate key value')
    await failed.getByTestId('audit-copy-curl').click()
    await waitForText(failed.getByRole('status'), /curl command copied/)

    // The run is kept: it is listed among past runs, and its deliveries are in the log.
    await waitForText(page.getByTestId('audit-runs'), new RegExp(handler.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    const runs = await api(serve, 'audit.list', {})
    expect(runs).toHaveLength(1)
    const deliveries = await api(serve, 'deliveries.list', { limit: 500 })
    expect(deliveries.items.filter((d) => d.origin.kind === 'audit' && d.origin.id === runs[0].id).length).toBe(handler.requests)

    const shot = path.join(REPO_ROOT, 'test-results', 'audit-report-1440x900.png')
    fs.mkdirSync(path.dirname(shot), { recursive: true })
    await page.screenshot({ path: shot })

    // The endpoint row's Audit action opens the screen for that endpoint.
    const endpoint = await api(serve, 'endpoints.create', { name: 'Staging handler', url: handler.url, allowLocalHttp: true })
    await page.getByTestId('nav-endpoints').click()
    await page.getByTestId('screen-endpoints').waitFor({ state: 'visible' })
    await page.getByTestId('endpoint-row').filter({ hasText: 'Staging handler' }).getByTestId('audit-endpoint').click()
    await page.getByTestId('screen-audit').waitFor({ state: 'visible' })
    await waitForText(page.getByTestId('audit-form'), /Auditing endpoint Staging handler/)
    expect(page.url()).toContain(`endpoint=${endpoint.id}`)
  })
})
