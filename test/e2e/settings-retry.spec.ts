import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { goTo, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('retry schedule in Settings', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('says the waits add up and shows when each retry goes out, as typed', async () => {
    const { page, serve } = await e2e.open()
    await goTo(page, 'settings')
    const section = page.locator('section[aria-labelledby="retry-title"]')
    await waitForText(section, /counted from the previous attempt, so they add up/)
    expect(await section.innerText()).not.toContain('counted from the first attempt')

    const input = page.getByTestId('retry-schedule')
    await input.fill('5, 30, 120')
    const hint = page.getByTestId('retry-schedule-hint')
    await waitForText(hint, /retries at \+5 s, \+35 s, \+2 min 35 s after the first/)
    expect(await hint.innerText()).toContain('Up to 4 attempts per delivery')

    // The case: 2, 4, 6 succeeded at +12 s, which is what the page now says.
    await input.fill('2, 4, 6')
    await waitForText(hint, /\+2 s, \+6 s, \+12 s/)
    await page.getByTestId('save-retry-schedule').click()
    await waitForText(page.locator('body'), /Saved the retry schedule/)
    expect((await api(serve, 'settings.get', {})).retryScheduleMs).toEqual([2000, 4000, 6000])
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/settings-retry.png` })
  })
})
