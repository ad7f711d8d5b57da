/**
 * Issue 6 items 15 and 17 in the browser: the Signature panel no longer contradicts its
 * diagnosis (a prefixed digest, a CRLF body, a capture valid under a rotated secret), the
 * Verify screen says the same, and every body has a hex view that shows CRLF and a BOM.
 * Screenshots at 1440x900 go to $E2E_SCREENSHOTS when it is set.
 */
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import type { ServeProcess } from './harness/serve-process'
import { goTo, replaceEditorText, waitForText } from './harness/ui'

const payload = {
  event: 'aml.match.found',
  timestamp: '2026-01-15T10:30:00Z',
  data: { submissionId: 'sub_123456', matchType: 'sanctions', matchScore: 0.95, matchedName: 'John Doe', sourceList: 'OFAC', riskLevel: 'high' },
  tenantId: 'tenant_123456'
}
const compact = JSON.stringify(payload)
const pretty = JSON.stringify(payload, null, 2)
const sign = (body: string | Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('hex')
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`) })
}

/** Opens the capture received on `urlPath` through the route, as a link would. */
async function openCapture(page: Page, serve: ServeProcess, urlPath: string): Promise<Locator> {
  const { items } = await api(serve, 'captures.list', {})
  const capture = items.find((c) => c.path === urlPath)
  expect(capture, `a capture on ${urlPath}`).toBeDefined()
  await page.evaluate(`location.hash = ${JSON.stringify(`#/inbox/${encodeURIComponent(capture!.id)}`)}`)
  const detail = page.getByTestId('capture-detail')
  await waitForText(detail.getByTestId('request-line'), new RegExp(urlPath))
  return detail
}

/** The hex of the first row's bytes, space-separated ("7b 0d 0a …"). */
async function firstRowBytes(hex: Locator): Promise<string> {
  const row = hex.getByTestId('hex-row').first()
  expect(await row.locator('.hex-off').innerText()).toBe('00000000')
  return (await row.locator('.hex-byte').allInnerTexts()).join(' ')
}

describe.skipIf(SKIP_E2E)('signature panel and hex view in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('a prefixed digest, a CRLF body and a rotated-secret capture read consistently, and the hex view marks CRLF and BOM', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId('inbox-empty').waitFor({ state: 'visible' })
    const { secret: oldSecret } = await api(serve, 'credentials.create', {})
    const listener = await api(serve, 'listeners.create', { name: 'panel', protocol: 'http', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    const post = async (urlPath: string, body: string | Buffer, signature: string) => {
      const res = await fetch(`${state.url}${urlPath.slice(1)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': signature },
        body
      })
      expect(res.status).toBe(200)
    }

    // 1. The right digest behind a "sha256=" prefix.
    await post('/prefixed', compact, `sha256=${sign(compact, oldSecret!)}`)
    // 2. Signed as LF pretty JSON, sent as a Windows file: CRLF and a final line break.
    const crlfBody = pretty.replace(/\n/g, '\r\n') + '\r\n'
    await post('/crlf', crlfBody, sign(pretty, oldSecret!))
    // 3. After a rotation, a sender still on the old secret, within the grace period; the body starts with a BOM.
    await api(serve, 'credentials.rotate', { graceHours: 24 })
    const bomBody = Buffer.concat([BOM, Buffer.from(compact)])
    await post('/rotated', bomBody, sign(bomBody, oldSecret!))
    // 4. (Item 18) A timestamp that is not UTC: the schema error names its path once.
    const notUtc = JSON.stringify({ ...payload, timestamp: '2026-01-15T10:30:00+02:00' })
    await post('/not-utc', notUtc, sign(notUtc, oldSecret!))

    let detail = await openCapture(page, serve, '/prefixed')
    let panel = detail.getByTestId('signature-panel')
    await waitForText(panel, /Invalid/)
    expect(await panel.getByTestId('signature-diagnosis').innerText()).toMatch(/without that prefix, it matches/)
    const comparison = await panel.getByTestId('signature-comparison').innerText()
    // Before: "Entirely different digests: different bytes or a different secret".
    expect(comparison).toMatch(/Same digest, different encoding/)
    expect(comparison).not.toMatch(/Entirely different/)
    expect(await panel.getByTestId('signature-received-digest').innerText()).toContain(sign(compact, oldSecret!))
    expect(await panel.getByTestId('signature-expected-label').innerText()).toMatch(/^Computed with API secret/)
    await shot(page, 'issue6-15-prefixed')

    detail = await openCapture(page, serve, '/crlf')
    panel = detail.getByTestId('signature-panel')
    await waitForText(panel, /Invalid/)
    const crlfDiagnosis = await panel.getByTestId('signature-diagnosis').innerText()
    // Before: "The body was re-serialised: it matches when pretty-printed with 2 spaces".
    expect(crlfDiagnosis).toMatch(/CRLF/)
    expect(crlfDiagnosis).not.toMatch(/re-serialised/)
    expect(await detail.getByTestId('body-facts').innerText()).toMatch(/CRLF line endings/)
    await shot(page, 'issue6-15-crlf-panel')
    await detail.getByRole('tab', { name: 'Hex' }).click()
    const hex = detail.getByTestId('body-hex')
    expect(await waitForText(hex.getByTestId('body-hex-legend'), /CRLF/)).toMatch(new RegExp(`\\b${crlfBody.split('\r\n').length - 1} CRLF`))
    expect(await hex.locator('[data-mark="cr"]').count()).toBeGreaterThan(0)
    expect(await hex.locator('[data-mark="lf"]').count()).toBeGreaterThan(0)
    expect(await firstRowBytes(hex)).toMatch(/^7b 0d 0a 20 20 22/)
    await hex.locator('[data-mark="cr"]').first().scrollIntoViewIfNeeded()
    await shot(page, 'issue6-17-crlf-hex')

    detail = await openCapture(page, serve, '/rotated')
    panel = detail.getByTestId('signature-panel')
    await waitForText(panel, /Valid/)
    const header = await panel.locator('.section-title').innerText()
    expect(header).toMatch(/matched with: previous API secret \(rotated /)
    expect(header).not.toMatch(ISO)
    const label = await panel.getByTestId('signature-expected-label').innerText()
    // Before: "Computed (HMAC-SHA256 of the raw body)" over the current secret's digest.
    expect(label).toMatch(/^Computed with previous API secret \(rotated /)
    expect(label).not.toMatch(ISO)
    expect(await panel.getByTestId('signature-expected').innerText()).toBe(sign(bomBody, oldSecret!))
    await detail.getByRole('tab', { name: 'Hex' }).click()
    const bomHex = detail.getByTestId('body-hex')
    expect(await waitForText(bomHex.getByTestId('body-hex-legend'), /BOM/)).toMatch(/BOM/)
    expect(await bomHex.locator('[data-mark="bom"]').count()).toBe(3)
    await shot(page, 'issue6-15-rotated-bom-hex')

    detail = await openCapture(page, serve, '/not-utc')
    const schemaErrors = await waitForText(detail.getByTestId('schema-errors'), /UTC/)
    // Before: "/timestamp /timestamp must be in UTC…".
    expect(schemaErrors).toMatch(/^\/timestamp must be in UTC/)
    expect(schemaErrors).not.toMatch(/\/timestamp\s+\/timestamp/)
  })

  it('Compose says "the body is not JSON", not "/ the body is not JSON"', async () => {
    const { page } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    await goTo(page, 'compose')
    await replaceEditorText(page, 'compose-editor', 'hello')
    const summary = await waitForText(page.getByTestId('schema-summary'), /not JSON/)
    expect(summary).toMatch(/the body is not JSON/)
    expect(summary).not.toMatch(/\/\s*the body/)
    await shot(page, 'issue6-18-compose-not-json')
  })

  it('the Verify screen says what the Inbox says, and shows the bytes it verifies in hex', async () => {
    const { page, serve } = await e2e.open()
    await page.setViewportSize({ width: 1440, height: 900 })
    const { secret } = await api(serve, 'credentials.create', {})
    await goTo(page, 'verify')
    await replaceEditorText(page, 'verify-editor', compact)
    await page.getByTestId('verify-signature-input').fill(`sha256=${sign(compact, secret!)}`)
    await page.getByTestId('verify-button').click()
    const result = page.getByTestId('verify-result')
    await waitForText(result.getByTestId('verify-diagnosis'), /prefix/)
    expect(await result.getByTestId('verify-comparison').innerText()).toMatch(/Same digest, different encoding/)
    expect(await result.getByTestId('verify-expected-secret').innerText()).toBe('with API secret')

    await page.getByTestId('verify-body-view-hex').click()
    const hex = page.getByTestId('verify-hex')
    await waitForText(hex.getByTestId('verify-hex-legend'), new RegExp(`${compact.length} bytes`))
    expect(await firstRowBytes(hex)).toMatch(/^7b 22 65 76/)
    await shot(page, 'issue6-15-verify-prefixed-hex')

    // A sender still on the rotated secret, in its grace period: valid, and the computed digest is that secret's.
    await api(serve, 'credentials.rotate', { graceHours: 24 })
    await page.getByTestId('verify-signature-input').fill(sign(compact, secret!))
    await page.getByTestId('verify-button').click()
    await waitForText(result.getByTestId('signature-badge'), /Valid/)
    expect(await result.getByTestId('verify-expected').innerText()).toContain(sign(compact, secret!))
    const name = await result.getByTestId('verify-expected-secret').innerText()
    expect(name).toMatch(/^with previous API secret \(rotated /)
    expect(name).not.toMatch(ISO)
    await shot(page, 'issue6-15-verify-rotated')
  })
})
