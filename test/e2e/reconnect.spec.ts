import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createWorkbench } from '../../src/core/workbench'
import { startServer } from '../../src/server/index'
import { ListenerInput } from '../../src/shared/models'
import { E2E_TIMEOUT_MS, RENDERER_DIR, SKIP_E2E } from './harness/environment'
import { useE2E } from './harness/session'
import { waitForText } from './harness/ui'

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('the web transport reconnects', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('shows the socket going away and coming back, catches up on what it missed, and live events flow again', async () => {
    // In-process so the same port and token can come back, as after a brief server hiccup.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
    e2e.defer(async () => fs.rmSync(dir, { recursive: true, force: true }))
    const wb = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), transport: 'web', background: false })
    e2e.defer(() => wb.close())
    const token = 'reconnect-test-token'
    const first = await startServer({ workbench: wb, port: 0, token, rendererDir: RENDERER_DIR })
    e2e.defer(() => first.close())

    const { page } = await e2e.browser()
    await page.goto(first.url)
    await page.getByTestId('screen-inbox').waitFor({ state: 'visible', timeout: 45_000 })
    const connection = page.getByTestId('connection-state')
    await waitForText(connection, /^Live$/)
    // The inbox has loaded its (empty) list: from here on it grows from pushed events only.
    await page.getByTestId('inbox-empty').waitFor({ state: 'visible' })

    await first.close()
    await waitForText(connection, /^(?!Live$).+/)

    // A capture while the page has no socket: its event is lost, so the page must refetch.
    const listener = await wb.listeners.create(ListenerInput.parse({ name: 'outage', protocol: 'http', port: 0 }))
    const state = await wb.listeners.start({ id: listener.id })
    e2e.defer(() => wb.listeners.stop({ id: listener.id }))
    const during = await fetch(`${state.url}during-outage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ping":0}' })
    expect(during.status).toBe(200)

    const second = await startServer({ workbench: wb, port: first.port, token, rendererDir: RENDERER_DIR })
    e2e.defer(() => second.close())
    // Backoff is capped at 10 s: allow a couple of rounds on a busy machine.
    await waitForText(connection, /^Live$/, 45_000)

    await waitForText(page.getByTestId('capture-row').first(), /during-outage/)

    // A capture after the reconnect reaches the open page through the new socket.
    const res = await fetch(`${state.url}after-reconnect`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ping":1}' })
    expect(res.status).toBe(200)
    await waitForText(page.getByTestId('capture-row').first(), /after-reconnect/)
  })
})
