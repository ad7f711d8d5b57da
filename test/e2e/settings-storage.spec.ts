import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { goTo, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('Storage in Settings: retention and Compact database', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('saves the retention setting, refuses a bad number, and compacts the database', async () => {
    const { page, serve } = await e2e.open()
    await goTo(page, 'settings')
    const section = page.locator('section[aria-labelledby="storage-title"]')
    await waitForText(section, /Leave both empty to keep everything/)

    await page.getByTestId('retention-keep').fill('0')
    await page.getByTestId('save-retention').click()
    await waitForText(page.getByTestId('retention-error'), /whole number of 1 or more/)

    await page.getByTestId('retention-keep').fill('5000')
    await page.getByTestId('retention-days').fill('30')
    await page.getByTestId('save-retention').click()
    await waitForText(page.locator('body'), /Saved the retention setting/)
    expect((await api(serve, 'settings.get', {})).retention).toEqual({ keepLast: 5000, keepDays: 30 })

    await page.getByTestId('compact-database').click()
    await waitForText(page.getByTestId('compact-result'), /Compacted: [\d.]+ MB → [\d.]+ MB/)
  })
})
