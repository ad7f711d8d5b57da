import { describe, expect, it, vi } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { ENGINE_WAIT, eventually, goTo, waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('endpoints in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('creates, edits, deactivates, tests (send) and deletes an endpoint', async () => {
    const { page, serve } = await e2e.open()
    await api(serve, 'credentials.create', {})
    const listener = await api(serve, 'listeners.create', { name: 'receiver', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    const hookUrl = `${state.url}hooks`

    // Create.
    await goTo(page, 'endpoints')
    await page.getByTestId('endpoints-empty').waitFor({ state: 'visible' })
    await page.getByTestId('add-endpoint').click()
    let dialog = page.getByTestId('endpoint-dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Staging API')
    await dialog.getByLabel('URL', { exact: true }).fill(hookUrl)
    await dialog.getByTestId('add-header').click()
    await dialog.getByLabel('Header 1 name').fill('X-API-Key')
    await dialog.getByLabel('Header 1 value').fill('key-123')
    await dialog.getByTestId('save-endpoint').click()
    await dialog.waitFor({ state: 'hidden' })
    const row = page.getByTestId('endpoint-row')
    await waitForText(row, /Staging API/)
    expect(await row.innerText()).toContain(hookUrl)
    expect(await row.innerText()).toContain('1 header')

    // Edit.
    await row.getByTestId('edit-endpoint').click()
    dialog = page.getByTestId('endpoint-dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Staging API v2')
    await dialog.getByTestId('save-endpoint').click()
    await dialog.waitFor({ state: 'hidden' })
    await waitForText(row, /Staging API v2/)
    const stored = await api(serve, 'endpoints.list', {})
    expect(stored).toHaveLength(1)
    // The X-API-Key value leaves the engine masked; saving the dialog kept it as stored.
    expect(stored[0]).toMatchObject({ name: 'Staging API v2', url: hookUrl, active: true, headers: [['X-API-Key', '[masked: 7 characters]']] })
    expect((await api(serve, 'endpoints.revealHeaders', { id: stored[0].id })).headers).toEqual([['X-API-Key', 'key-123']])

    // The dialog shows the value masked until Reveal values is clicked.
    await row.getByTestId('edit-endpoint').click()
    dialog = page.getByTestId('endpoint-dialog')
    const value = dialog.getByLabel('Header 1 value')
    expect(await value.inputValue()).toBe('[masked: 7 characters]')
    await dialog.getByTestId('reveal-headers').click()
    await eventually(() => value.inputValue(), (v) => v === 'key-123', 'the revealed header value')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // Deactivate and activate again.
    await row.getByTestId('endpoint-active').uncheck()
    await waitForText(row, /Inactive/)
    await vi.waitFor(async () => expect((await api(serve, 'endpoints.list', {}))[0]?.active).toBe(false), ENGINE_WAIT)
    await row.getByTestId('endpoint-active').check()
    await waitForText(row, /\bActive\b/)
    await vi.waitFor(async () => expect((await api(serve, 'endpoints.list', {}))[0]?.active).toBe(true), ENGINE_WAIT)

    // Test webhook: Compose opens with this endpoint ticked; the send reaches the listener with its header.
    await row.getByTestId('test-webhook').click()
    await page.getByTestId('screen-compose').waitFor({ state: 'visible' })
    const target = page.getByTestId('target-endpoint').filter({ hasText: 'Staging API v2' })
    await target.waitFor({ state: 'visible' })
    // Compose loads the endpoints, then ticks the preselected one.
    await vi.waitFor(async () => expect(await target.getByRole('checkbox').isChecked()).toBe(true), ENGINE_WAIT)
    await page.getByTestId('send-button').click()
    const result = page.getByTestId('delivery-result').first()
    await waitForText(result.getByTestId('delivery-status'), /Success/)
    const captures = await api(serve, 'captures.list', {})
    expect(captures.items).toHaveLength(1)
    const capture = await api(serve, 'captures.get', { id: captures.items[0].id })
    expect(capture.headers).toContainEqual(['X-API-Key', 'key-123'])
    expect(capture.signature).toBe('valid')

    // The delivery shows in Deliveries.
    await goTo(page, 'deliveries')
    const delivery = page.getByTestId('delivery-row').first()
    await waitForText(delivery, /Staging API v2/)
    expect(await delivery.getByTestId('delivery-status').innerText()).toMatch(/Success/)

    // Delete.
    await goTo(page, 'endpoints')
    await page.getByTestId('endpoint-row').getByTestId('delete-endpoint').click()
    await page.getByTestId('confirm-dialog').getByTestId('confirm-button').click()
    await page.getByTestId('endpoints-empty').waitFor({ state: 'visible' })
    await vi.waitFor(async () => expect(await api(serve, 'endpoints.list', {})).toHaveLength(0), ENGINE_WAIT)
  })

  it("refuses, at the headers field and before saving, the custom headers the engine refuses, in the engine's words", async () => {
    const { page, serve } = await e2e.open()
    /** What the engine says when asked to save this header (the HTTP API's refusal). */
    const engineSays = async (name: string): Promise<string> => {
      const refusal = await api(serve, 'endpoints.create', { name: 'x', url: 'https://example.com/hooks', headers: [[name, 'v']] }).then(
        () => 'the engine accepted it',
        (err: Error) => err.message.replace(/^endpoints\.create failed: bad-input: /, '')
      )
      expect(refusal).toMatch(new RegExp(`${name}`))
      return refusal
    }

    await goTo(page, 'endpoints')
    await page.getByTestId('add-endpoint').click()
    const dialog = page.getByTestId('endpoint-dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Staging API')
    await dialog.getByLabel('URL', { exact: true }).fill('https://example.com/hooks')
    await dialog.getByTestId('add-header').click()
    const headerError = dialog.getByTestId('headers-editor').getByRole('alert')
    for (const name of ['Content-Type', 'Bad Header']) {
      await dialog.getByLabel('Header 1 name').fill(name)
      await dialog.getByLabel('Header 1 value').fill('v')
      await dialog.getByTestId('save-endpoint').click()
      expect(await waitForText(headerError, new RegExp(name))).toBe(await engineSays(name))
      // Refused by the form itself: no engine refusal at the top, nothing stored.
      expect(await dialog.getByRole('alert').count()).toBe(1)
    }
    expect(await api(serve, 'endpoints.list', {})).toHaveLength(0)

    await dialog.getByLabel('Header 1 name').fill('X-Content-Kind')
    await dialog.getByTestId('save-endpoint').click()
    await dialog.waitFor({ state: 'hidden' })
    expect((await api(serve, 'endpoints.list', {}))[0]).toMatchObject({ name: 'Staging API', headers: [['X-Content-Kind', 'v']] })
  })
})
