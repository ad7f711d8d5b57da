import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { goTo, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('paused and cancelled deliveries in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('shows a delivery Paused while its endpoint is Inactive, then Cancelled with the reason once it is deleted', async () => {
    const { page, serve } = await e2e.open()
    await api(serve, 'credentials.create', {})
    await api(serve, 'settings.update', { retryScheduleMs: [600_000] })
    // Nothing listens on port 1: the first attempt fails and a retry is scheduled.
    const endpoint = await api(serve, 'endpoints.create', { name: 'Down API', url: 'http://127.0.0.1:1/hooks', allowLocalHttp: true })
    const sent = await api(serve, 'send.event', { event: 'submission.approved', body: '{}', endpointIds: [endpoint.id] })
    const id = sent.deliveries[0].id
    expect(sent.deliveries[0].status).toBe('pending')

    await goTo(page, 'deliveries')
    const row = page.locator(`[data-delivery-id="${id}"]`)
    await waitForText(row.getByTestId('delivery-status'), /Pending/)

    await api(serve, 'endpoints.update', { id: endpoint.id, patch: { active: false } })
    await waitForText(row.getByTestId('delivery-status'), /Paused/)
    expect(await row.innerText()).toContain('endpoint "Down API" is inactive')

    await api(serve, 'endpoints.remove', { id: endpoint.id })
    await waitForText(row.getByTestId('delivery-status'), /Cancelled/)
    await row.click()
    await waitForText(page.getByTestId('delivery-status-reason'), /endpoint "Down API" was deleted: no further attempts/)
    // For a human look: E2E_SCREENSHOTS=folder keeps a picture of the cancelled delivery.
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/deliveries-cancelled.png` })
  })
})
