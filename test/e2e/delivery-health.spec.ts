/**
 * Delivery health in the browser UI: real deliveries from `kyc-hooks serve` to a real local
 * sink the test switches between 200 and 500; the Health column (rate, attempts, latency,
 * chart, last error) in Endpoints; the threshold set in Settings; the banner once per
 * crossing below it. With E2E_SCREENSHOTS=<dir> it saves a 1440x900 screenshot of Endpoints.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { eventually, goTo, waitForText } from './harness/ui'

const BODY = '{"event":"submission.approved","timestamp":"2026-01-01T00:00:00.000Z","data":{},"tenantId":"tenant_1"}'

describe.skipIf(SKIP_E2E)('delivery health in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('shows each endpoint’s health and chart, and a banner once when the rate falls below the threshold set in Settings', async () => {
    const sink = { status: 200 }
    const server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(sink.status)
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    e2e.defer(() => new Promise((resolve) => server.close(resolve)))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    const { page, serve } = await e2e.open()
    await api(serve, 'credentials.create', {})
    // Retries ten minutes away: each send is one attempt while the test runs. Alerts below 50% for now.
    await api(serve, 'settings.update', { retryScheduleMs: [600_000], healthAlertThresholdPercent: 50 })
    const orders = await api(serve, 'endpoints.create', { name: 'Orders API', url: `${base}/orders`, allowLocalHttp: true })
    await api(serve, 'endpoints.create', { name: 'Billing API', url: `${base}/billing`, allowLocalHttp: true })
    const send = async (endpointId: string, status: number, times: number) => {
      sink.status = status
      for (let i = 0; i < times; i++) await api(serve, 'send.event', { event: 'submission.approved', body: BODY, endpointIds: [endpointId] })
    }
    await send(orders.id, 200, 3)
    await send(orders.id, 500, 1) // 3/4 = 75%: above 50%

    // Endpoints: the Health column per endpoint.
    await goTo(page, 'endpoints')
    const ordersRow = page.getByTestId('endpoint-row').filter({ hasText: 'Orders API' })
    const billingRow = page.getByTestId('endpoint-row').filter({ hasText: 'Billing API' })
    const ordersHealth = ordersRow.getByTestId('endpoint-health')
    await waitForText(ordersHealth, /75%\s*3\/4/)
    expect(await ordersHealth.getByTestId('health-latency').innerText()).toMatch(/^p50 [\d.]+ ms · p95 [\d.]+ ms$/)
    expect(await ordersHealth.getByTestId('health-last-error').innerText()).toBe('HTTP 500 Internal Server Error: not 2xx, so the delivery counts as failed')
    await expect(ordersHealth.getByTestId('health-sparkline').getAttribute('aria-label')).resolves.toBe('3 of 4 attempts succeeded in the last hour')
    expect(await ordersHealth.getByTestId('health-bar-failed').count()).toBe(1)
    expect(await billingRow.getByTestId('endpoint-health').innerText()).toBe('no attempts in the last hour')
    // Another window: the same attempts, counted over 7 days.
    await page.getByTestId('health-window').getByText('7 d').click()
    await waitForText(billingRow.getByTestId('endpoint-health'), /no attempts in the last 7 days/)
    await waitForText(ordersHealth, /75%\s*3\/4/)
    await page.getByTestId('health-window').getByText('1 h').click()
    await waitForText(billingRow.getByTestId('endpoint-health'), /no attempts in the last hour/)
    expect(await page.getByTestId('health-banner').count()).toBe(0)

    // Settings: the user raises the threshold above the rate; the banner appears on the spot.
    await goTo(page, 'settings')
    await page.getByTestId('health-threshold').fill('80')
    await page.getByTestId('save-health-alert').click()
    const banner = page.getByTestId('health-banner')
    await banner.waitFor({ state: 'visible' })
    expect(await banner.getByTestId('health-banner-item').allInnerTexts()).toEqual([
      'Orders API: 75% of 4 attempts succeeded in the last hour (threshold 80%) · last error: HTTP 500 Internal Server Error: not 2xx, so the delivery counts as failed'
    ])
    expect((await api(serve, 'settings.get', {})).healthAlertThresholdPercent).toBe(80)

    // The banner leads to Endpoints, where the rate shows as below the threshold.
    await banner.getByTestId('health-banner-open').click()
    await page.getByTestId('screen-endpoints').waitFor({ state: 'visible' })
    // The report is read again after the threshold changed: wait for it rather than read the first paint.
    await eventually(
      () => ordersHealth.getByTestId('health-rate').getAttribute('class'),
      (c) => c?.includes('badge-bad') === true,
      'the Orders rate marked below the threshold'
    )

    if (process.env.E2E_SCREENSHOTS) {
      fs.mkdirSync(process.env.E2E_SCREENSHOTS, { recursive: true })
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'delivery-health-endpoints.png') })
    }

    // Dismissed, it stays away while the rate stays below: one alert per crossing, not per failure.
    await banner.getByTestId('health-banner-dismiss').click()
    await banner.waitFor({ state: 'hidden' })
    await send(orders.id, 500, 1) // 3/5 = 60%
    await waitForText(ordersHealth, /60%\s*3\/5/)
    expect(await page.getByTestId('health-banner').count()).toBe(0)

    // Back above (threshold lowered behind the UI's back), then below again: a new crossing, a new banner.
    await api(serve, 'settings.update', { healthAlertThresholdPercent: 50 })
    // The recovery event makes the column read the report again: no longer below, so no longer red.
    await eventually(() => ordersHealth.getByTestId('health-rate').getAttribute('class'), (c) => c?.includes('badge-warn') === true, 'the recovery')
    await send(orders.id, 500, 2) // 3/7 = 43%
    await banner.waitFor({ state: 'visible' })
    await waitForText(banner, /Orders API: 42\.9% of 7 attempts succeeded in the last hour \(threshold 50%\)/)
    await eventually(() => api(serve, 'endpoints.health', { window: '1h' }), (r) => r.endpoints[0].attempts === 7, 'seven attempts')
  })
})
