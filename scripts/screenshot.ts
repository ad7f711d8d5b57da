/**
 * Takes the README's screenshot: `kyc-hooks serve` on a throwaway data folder, a few
 * captured webhooks (valid, a re-serialised body with an invalid signature, one without a
 * signature), the Inbox with a capture open, saved to resources/screenshot-inbox.png.
 *
 *   npx electron-vite build && node bin/run-ts.mjs scripts/screenshot.ts [out.png]
 *
 * Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium) and the built renderer.
 */
import { createHmac } from 'node:crypto'
import path from 'node:path'
import { Agent, fetch as undiciFetch } from 'undici'
import { launchBrowser } from '../test/e2e/harness/browser'
import { REPO_ROOT, assertE2EReady } from '../test/e2e/harness/environment'
import { startServeProcess } from '../test/e2e/harness/serve-process'
import { api } from '../test/e2e/harness/session'

const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'resources', 'screenshot-inbox.png'))
const chromium = assertE2EReady()
const serve = await startServeProcess()
const browser = await launchBrowser(chromium)
try {
  const { secret } = await api(serve, 'credentials.create', {})
  const listener = await api(serve, 'listeners.create', { name: 'Local listener', port: 0 })
  const state = await api(serve, 'listeners.start', { id: listener.id })
  const url = `${state.url}webhooks/smart-kyc`
  const ca = await api(serve, 'tls.ca', {})
  const trusting = new Agent({ connect: { ca: ca.pem } })

  // Signed by the Workbench, as Smart KYC would send them.
  for (const event of ['invitation.sent', 'submission.created', 'submission.completed', 'aml.screening.completed'] as const) {
    const { body } = await api(serve, 'catalog.template', { event })
    await api(serve, 'send.event', { event, body, to: [{ url }], origin: 'test' })
  }
  // A handler's classic mistake: signing the compact JSON, sending it pretty-printed.
  const { body: amlBody } = await api(serve, 'catalog.template', { event: 'aml.match.found' })
  const compact = JSON.stringify(JSON.parse(amlBody))
  await undiciFetch(url, {
    method: 'POST',
    dispatcher: trusting,
    headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': createHmac('sha256', secret!).update(compact).digest('hex') },
    body: JSON.stringify(JSON.parse(amlBody), null, 2)
  })
  // And a request that did not come from Smart KYC at all.
  await undiciFetch(url, { method: 'POST', dispatcher: trusting, headers: { 'Content-Type': 'application/json' }, body: '{"hello":"world"}' })
  // One more valid one, newest at the top.
  const { body: approved } = await api(serve, 'catalog.template', { event: 'submission.approved' })
  await api(serve, 'send.event', { event: 'submission.approved', body: approved, to: [{ url }], origin: 'test' })

  const page = browser.page
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto(serve.url)
  await page.getByTestId('screen-inbox').waitFor({ state: 'visible', timeout: 60_000 })
  const invalid = page.getByTestId('capture-row').filter({ hasText: 'aml.match.found' }).first()
  await invalid.waitFor({ state: 'visible' })
  await invalid.click()
  await page.getByTestId('capture-detail').getByTestId('signature-diagnosis').waitFor({ state: 'visible' })
  // Let the lazily loaded editor paint the body before the picture is taken.
  await page.locator('[data-testid="capture-detail"] [data-ready="true"]').first().waitFor({ state: 'visible', timeout: 30_000 }).catch(() => undefined)
  await page.screenshot({ path: out })
  console.log(`screenshot saved to ${out}`)
  await trusting.close()
} finally {
  await browser.close()
  await serve.stop()
}
