/**
 * Takes the README's screenshot of the Platform screen: `kyc-hooks serve` on a throwaway data
 * folder, a listener as the consumer's endpoint, the mock API started from the screen, a few
 * API calls (an invitation completed with an AML match, one approved, a 401 and a 404), saved
 * to resources/screenshot-platform.png at 1440x900.
 *
 *   npx electron-vite build && node bin/run-ts.mjs scripts/screenshot-platform.ts [out.png]
 *
 * Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium) and the built renderer.
 */
import path from 'node:path'
import { launchBrowser } from '../test/e2e/harness/browser'
import { REPO_ROOT, assertE2EReady } from '../test/e2e/harness/environment'
import { startServeProcess } from '../test/e2e/harness/serve-process'
import { api } from '../test/e2e/harness/session'

const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'resources', 'screenshot-platform.png'))
const chromium = assertE2EReady()
const serve = await startServeProcess()
const browser = await launchBrowser(chromium)
try {
  const { apiKey } = await api(serve, 'credentials.create', {})
  const listener = await api(serve, 'listeners.create', { name: 'Consumer app', port: 0 })
  const state = await api(serve, 'listeners.start', { id: listener.id })
  await api(serve, 'endpoints.create', { name: 'Consumer app', url: `${state.url}webhooks/smart-kyc` })

  const page = browser.page
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(serve.url)
  await page.getByTestId('screen-inbox').waitFor({ state: 'visible', timeout: 60_000 })
  await page.getByTestId('nav-platform').click()
  await page.getByTestId('platform-port').fill('0')
  await page.getByTestId('platform-start').click()
  const baseUrl = (await page.getByTestId('platform-base-url').innerText()).trim()

  const call = async (method: string, p: string, body?: unknown, key: string = apiKey) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    return (await res.json()) as { id: string }
  }
  const first = await call('POST', '/invitations', { customerEmail: 'john.doe@example.com', workflowName: 'Basic KYC' })
  const sub = await call('POST', `/simulate/invitations/${first.id}/complete`, { aml: 'match' })
  const second = await call('POST', '/invitations', { customerEmail: 'maria.garcia@example.com' })
  const clear = await call('POST', `/simulate/invitations/${second.id}/complete`, { aml: 'clear' })
  await call('PATCH', `/submissions/${clear.id}`, { status: 'approved' })
  await call('GET', `/submissions/${sub.id}`)
  await call('GET', '/invitations', undefined, 'skyc_key_wrong')
  await call('GET', '/submissions/sub_unknown')
  await call('POST', '/invitations', { customerEmail: 'aiko.tanaka@example.com', workflowName: 'Enhanced Due Diligence' })

  await page.getByTestId('submission-row').nth(1).waitFor({ state: 'visible' })
  await page.getByTestId('invitation-row').nth(2).waitFor({ state: 'visible' })
  await page.getByTestId('request-row').nth(8).waitFor({ state: 'visible' })
  await page.waitForTimeout(500)
  await page.screenshot({ path: out })
  console.log(`screenshot saved to ${out}`)
} finally {
  await browser.close()
  await serve.stop()
}
