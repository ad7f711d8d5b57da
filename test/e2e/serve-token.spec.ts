import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { useE2E } from './harness/session'

// Skipped only on a developer machine without Chromium (see harness/environment.ts:
// `apt-get install -y chromium`); with CI=true a missing browser fails the run instead.
describe.skipIf(SKIP_E2E)('kyc-hooks serve in a browser: the access token', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('shows a clear "token required" page, not a broken UI, when opened without the token', async () => {
    const { page } = await e2e.open({ withToken: false })
    const notice = page.getByTestId('unauthorized-page')
    await notice.waitFor({ state: 'visible' })
    expect(await notice.innerText()).toMatch(/token/i)
    expect(await notice.innerText()).toContain('kyc-hooks serve')
    // The app shell (sidebar, screens) is not shown at all.
    expect(await page.locator('[data-testid^="screen-"]').count()).toBe(0)
  })

  it('shows the token page for a wrong token', async () => {
    const { page, serve } = await e2e.open({ withToken: false })
    await page.goto(`${serve.origin}/?token=not-the-token`)
    await page.getByTestId('unauthorized-page').waitFor({ state: 'visible' })
    // The wrong token is not left in the address bar either.
    expect(page.url()).not.toContain('not-the-token')
  })

  it('loads the app from the printed URL, takes the token out of the address bar, and keeps it for a reload', async () => {
    const { page, serve, browser } = await e2e.open()
    await page.getByTestId('screen-inbox').waitFor({ state: 'visible' })
    expect(page.url()).not.toContain('token=')
    expect(page.url()).not.toContain(serve.token)
    expect(await page.evaluate("sessionStorage.getItem('kyc-hooks.serve-token')")).toBe(serve.token)

    await page.reload()
    await page.getByTestId('screen-inbox').waitFor({ state: 'visible' })
    expect(await page.getByTestId('unauthorized-page').count()).toBe(0)

    // Our CSP must not block anything the UI needs (scripts, workers, the event socket).
    expect(browser.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([])
  })
})
