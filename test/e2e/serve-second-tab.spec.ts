import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { screenshot } from './harness/screenshot'
import { useE2E } from './harness/session'
import { waitForText } from './harness/ui'

// Issue 6, item 13: the token leaves the address bar, so a second tab or a bookmark used to
// show "This page needs the token". The token URL now leaves a per-run session cookie.
describe.skipIf(SKIP_E2E)('kyc-hooks serve in a browser: more tabs after the token URL', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('opens a bookmark of /#/compose in a second tab of the same browser, without the token', async () => {
    const { serve, browser } = await e2e.open()
    const cookies = await browser.context.cookies(serve.origin)
    const session = cookies.find((c) => c.name === `kyc_hooks_session_${serve.port}`)
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 })

    const second = await browser.context.newPage()
    await second.setViewportSize({ width: 1440, height: 900 })
    await second.goto(`${serve.origin}/#/compose`)
    await second.getByTestId('screen-compose').waitFor({ state: 'visible' })
    expect(second.url()).not.toContain('token')
    expect(await second.getByTestId('unauthorized-page').count()).toBe(0)
    // Calls and the live socket work on the cookie alone.
    await waitForText(second.getByTestId('connection-state'), /Live/)
    await second.getByTestId('nav-listeners').click()
    await second.getByTestId('screen-listeners').waitFor({ state: 'visible' })
    await second.getByTestId('new-listener-button').waitFor({ state: 'visible' })
    await screenshot(second, 'item13-second-tab-listeners')
  })

  it('still shows the token page in a browser that never opened the token URL', async () => {
    const { serve, page } = await e2e.open({ withToken: false })
    await page.goto(`${serve.origin}/#/compose`)
    await page.getByTestId('unauthorized-page').waitFor({ state: 'visible' })
  })
})
