import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { createCredentialsInUi, createListenerInUi, goTo, replaceEditorText, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('capture flow in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('listener → compose and send → inbox shows a valid signature → replay edited → the delivery log shows the attempt', async () => {
    const { page, serve, browser } = await e2e.open()

    await createCredentialsInUi(page)
    const listenerUrl = await createListenerInUi(page, 'E2E listener')
    const target = `${listenerUrl}webhooks/smart-kyc`

    // Compose: the template of submission.completed, signed with the API secret, sent to the listener.
    await goTo(page, 'compose')
    await page.getByTestId('event-select').selectOption('submission.completed')
    await page.getByTestId('target-picker').getByLabel('A URL').check()
    await page.getByTestId('target-picker').getByLabel('URL', { exact: true }).fill(target)
    await page.getByTestId('send-button').click()
    const result = page.getByTestId('delivery-result').first()
    await waitForText(result.getByTestId('delivery-status'), /Success/)
    expect(await result.getByTestId('delivery-code').innerText()).toContain('200')

    // Inbox: the capture arrived (pushed over the WebSocket) with a valid signature.
    await goTo(page, 'inbox')
    const row = page.getByTestId('capture-row').first()
    await waitForText(row, /submission\.completed/)
    expect(await row.getByTestId('signature-badge').innerText()).toBe('Valid')
    expect(await row.innerText()).toContain('/webhooks/smart-kyc')
    await row.click()
    const detail = page.getByTestId('capture-detail')
    await waitForText(detail.getByTestId('signature-panel'), /Valid/)
    expect(await detail.getByTestId('request-headers').innerText()).toContain('X-SmartKYC-Signature')

    // Replay it edited: a new body, signed again, to the same listener.
    await detail.getByTestId('replay-button').click()
    const dialog = page.getByTestId('replay-dialog')
    await dialog.waitFor({ state: 'visible' })
    await dialog.getByTestId('replay-url').fill(target)
    await dialog.getByLabel(/Edited: change the body/).check()
    const edited = JSON.stringify({
      event: 'submission.completed',
      timestamp: '2026-01-15T10:30:00Z',
      data: { submissionId: 'sub_EDITED_E2E', status: 'completed' },
      tenantId: 'tenant_e2e'
    })
    await replaceEditorText(page, 'replay-body', edited)
    await dialog.getByTestId('replay-send').click()
    const replayResult = dialog.getByTestId('replay-result')
    await waitForText(replayResult.getByTestId('replay-status'), /Success/)
    expect(await replayResult.getByTestId('replay-code').innerText()).toContain('200')

    // The delivery log: the replay's delivery with its one successful attempt.
    await replayResult.getByRole('link', { name: 'Delivery log' }).click()
    const delivery = page.getByTestId('delivery-detail')
    await waitForText(delivery.getByTestId('delivery-detail-status'), /Success/)
    const attempt = delivery.getByTestId('attempt').first()
    await attempt.waitFor({ state: 'visible' })
    expect(await attempt.innerText()).toContain('200')

    // Back in the inbox: the edited body arrived as a second capture, also valid.
    await goTo(page, 'inbox')
    await waitForText(page.getByTestId('inbox-count'), /2/)
    const captures = await api(serve, 'captures.list', { q: 'sub_EDITED_E2E' })
    expect(captures.items).toHaveLength(1)
    expect(captures.items[0].signature).toBe('valid')
    const editedRow = page.locator(`[data-testid="capture-row"][data-capture-id="${captures.items[0].id}"]`)
    expect(await editedRow.getByTestId('signature-badge').innerText()).toBe('Valid')

    expect(browser.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([])
  })
})
