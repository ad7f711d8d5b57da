import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { eventually, goTo, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('the Platform screen in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('starts the mock API, shows an API-made invitation and its request live, and plays customer and reviewer', async () => {
    const { page, serve } = await e2e.open()
    const { apiKey } = await api(serve, 'credentials.create', {})
    const listener = await api(serve, 'listeners.create', { name: 'consumer', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    await api(serve, 'endpoints.create', { name: 'consumer', url: `${state.url}hooks` })

    await goTo(page, 'platform')
    await page.getByTestId('platform-note').waitFor({ state: 'visible' })
    expect(await page.getByTestId('platform-note').innerText()).toContain('mock')
    await page.getByTestId('platform-port').fill('0')
    await page.getByTestId('platform-start').click()
    const baseUrl = await waitForText(page.getByTestId('platform-base-url'), /^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    await page.getByTestId('platform-curl').waitFor({ state: 'visible' })
    expect(await page.getByTestId('platform-curl').innerText()).toContain(`X-API-Key: ${apiKey}`)

    // A client of the API creates an invitation, as the curl line would.
    const res = await fetch(`${baseUrl}/invitations`, {
      method: 'POST',
      headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerEmail: 'maria.garcia@example.com' })
    })
    expect(res.status).toBe(201)
    const invitation = (await res.json()) as { id: string }

    const invitationRow = page.locator(`[data-testid="invitation-row"][data-id="${invitation.id}"]`)
    await waitForText(invitationRow, /maria\.garcia@example\.com/)
    expect(await invitationRow.getByTestId('invitation-status').innerText()).toBe('sent')
    const request = page.getByTestId('request-row').first()
    await waitForText(request, /POST \/v1\/invitations/)
    expect(await request.getByTestId('request-status').innerText()).toBe('201')
    expect(await request.getByTestId('request-events').innerText()).toBe('invitation.sent')
    expect(await request.innerText()).not.toContain(apiKey)

    // The customer completes it with an AML hit.
    await invitationRow.getByTestId('complete-match').click()
    await waitForText(invitationRow.getByTestId('invitation-status'), /completed/)
    const submissionRow = page.getByTestId('submission-row').first()
    await waitForText(submissionRow.getByTestId('submission-status'), /completed/)
    expect(await submissionRow.innerText()).toContain('maria.garcia@example.com')

    // The reviewer dismisses the match and approves.
    await submissionRow.getByTestId('dismiss-match').click()
    await waitForText(submissionRow.getByTestId('submission-aml'), /dismissed/)
    await submissionRow.getByTestId('approve').click()
    await waitForText(submissionRow.getByTestId('submission-status'), /approved/)

    // Every event reached the consumer through the sender, signed with the API secret.
    const captures = await eventually(() => api(serve, 'captures.list', {}), (list) => list.items.length >= 7, 'seven webhooks at the consumer')
    expect(captures.items.map((c) => c.event).reverse()).toEqual([
      'invitation.sent',
      'submission.created',
      'submission.completed',
      'aml.screening.completed',
      'aml.match.found',
      'aml.match.dismissed',
      'submission.approved'
    ])
    expect(captures.items.every((c) => c.signature === 'valid')).toBe(true)

    // "Start with the app" is the setting the app and serve read when they open.
    await page.getByTestId('platform-autostart').check()
    await eventually(() => api(serve, 'settings.get', {}), (s) => s.platformAutoStart, 'platformAutoStart to be saved')

    // Stop.
    await page.getByTestId('platform-stop').click()
    await waitForText(page.getByTestId('platform-state'), /Stopped/)
    await expect(fetch(`${baseUrl}/invitations`)).rejects.toThrow()
  })
})
