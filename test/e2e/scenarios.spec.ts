/**
 * The Scenarios screen in Chromium: pick a scenario, set chaos, Run; the run's timeline is
 * drawn (duplicates marked) and the webhooks reach a real HTTPS listener of ours, signed.
 * Saves a 1440x900 screenshot of the screen for people to look at.
 */
import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { screenshot } from './harness/screenshot'
import { api, useE2E } from './harness/session'
import { eventually, goTo, waitForText } from './harness/ui'

describe.skipIf(SKIP_E2E)('the Scenarios screen in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('runs a scenario with duplicates and draws its timeline; the webhooks arrive signed', async () => {
    const { page, serve } = await e2e.open()
    await api(serve, 'credentials.create', {})
    const listener = await api(serve, 'listeners.create', { name: 'consumer', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    await api(serve, 'endpoints.create', { name: 'consumer', url: `${state.url}hooks` })

    await page.setViewportSize({ width: 1440, height: 900 })
    await goTo(page, 'scenarios')
    await page.getByTestId('scenario-aml-hit-dismissed').check()
    await waitForText(page.getByTestId('scenario-info'), /aml\.match\.found → aml\.match\.dismissed/)
    await page.getByTestId('scenario-speed').fill('200')
    await page.getByTestId('scenario-duplicates').fill('0.5')
    await page.getByTestId('scenario-seed').fill('42')
    await page.getByTestId('scenario-run').click()

    await waitForText(page.getByTestId('timeline-status'), /Done/)
    await page.getByTestId('scenario-timeline').waitFor({ state: 'visible' })
    // Seed 42 duplicates 3 of the 7 deliveries (as in the core runner test).
    expect(await page.getByTestId('timeline-mark-ok').count()).toBe(7)
    expect(await page.getByTestId('timeline-mark-duplicate').count()).toBe(3)
    expect(await page.getByTestId('timeline-mark-step').count()).toBe(4)
    expect(await page.getByTestId('run-summary').innerText()).toMatch(/10 of 10 deliveries succeeded/)
    expect(await page.getByTestId('scenario-run-row').count()).toBe(1)

    const captures = await eventually(() => api(serve, 'captures.list', {}), (list) => list.items.length >= 10, 'ten webhooks at the listener')
    expect(captures.items.every((c) => c.signature === 'valid')).toBe(true)
    await screenshot(page, 'scenarios-screen')
  })
})
