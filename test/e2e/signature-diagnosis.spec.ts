import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { E2E_TIMEOUT_MS, SKIP_E2E } from './harness/environment'
import { api, useE2E } from './harness/session'
import { goTo, replaceEditorText, waitForText } from './harness/ui'

const payload = {
  event: 'aml.match.found',
  timestamp: '2026-01-15T10:30:00Z',
  data: { submissionId: 'sub_123456', matchType: 'sanctions', matchScore: 0.95, matchedName: 'John Doe', sourceList: 'OFAC', riskLevel: 'high' },
  tenantId: 'tenant_123456'
}
const compact = JSON.stringify(payload)
const pretty = JSON.stringify(payload, null, 2)
const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex')

// Skipped only on a developer machine without Chromium (`apt-get install -y chromium`);
// with CI=true a missing browser fails the run (see harness/environment.ts).
describe.skipIf(SKIP_E2E)('signature diagnosis in the browser UI', { timeout: E2E_TIMEOUT_MS }, () => {
  const e2e = useE2E()

  it('a captured request with a bad signature shows Invalid and the diagnosis in words', async () => {
    const { page, serve } = await e2e.open()
    // The inbox has loaded its list, so the capture below arrives as a pushed event.
    await page.getByTestId('inbox-empty').waitFor({ state: 'visible' })
    // Setup behind the UI's back: credentials and a plain-HTTP listener.
    const { secret } = await api(serve, 'credentials.create', {})
    const listener = await api(serve, 'listeners.create', { name: 'diag', protocol: 'http', port: 0 })
    const state = await api(serve, 'listeners.start', { id: listener.id })
    expect(state.status).toBe('running')

    // The classic mistake: the sender signed compact JSON, then sent it pretty-printed.
    const res = await fetch(`${state.url}hooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': sign(compact, secret!) },
      body: pretty
    })
    expect(res.status).toBe(200)

    const row = page.getByTestId('capture-row').first()
    await waitForText(row, /aml\.match\.found/)
    expect(await row.getByTestId('signature-badge').innerText()).toBe('Invalid')
    await row.click()
    const panel = page.getByTestId('capture-detail').getByTestId('signature-panel')
    await waitForText(panel, /Invalid/)
    const diagnosis = await panel.getByTestId('signature-diagnosis').innerText()
    expect(diagnosis).toMatch(/re-serialised/)
    expect(diagnosis).toMatch(/compacted/)
    expect(diagnosis).toMatch(/What to do/)
    expect(await panel.getByTestId('signature-received').innerText()).toBe(sign(compact, secret!))
    expect(await panel.getByTestId('signature-expected').innerText()).toBe(sign(pretty, secret!))
  })

  it('the Verify screen checks pasted and loaded bodies and explains a mismatch', async () => {
    const { page, serve } = await e2e.open()
    const { secret } = await api(serve, 'credentials.create', {})

    await goTo(page, 'verify')
    await replaceEditorText(page, 'verify-editor', compact)
    await page.getByTestId('verify-signature-input').fill(sign(compact, secret!))
    await page.getByTestId('verify-button').click()
    const result = page.getByTestId('verify-result')
    await waitForText(result, /The signature matches/)
    expect(await result.getByTestId('signature-badge').innerText()).toBe('Valid')

    // Upper-case hex of the right digest: invalid, and the diagnosis says why.
    await page.getByTestId('verify-signature-input').fill(sign(compact, secret!).toUpperCase())
    await page.getByTestId('verify-button').click()
    await waitForText(result.getByTestId('signature-badge'), /Invalid/)
    expect(await result.getByTestId('verify-diagnosis').innerText()).toMatch(/upper-case hex/)

    // The exact bytes of a file: a pretty-printed body signed as compact JSON.
    const dir = fs.mkdtempSync(path.join(serve.dataDir, 'upload-'))
    const file = path.join(dir, 'body.json')
    fs.writeFileSync(file, pretty)
    await page.getByTestId('verify-file-input').setInputFiles(file)
    await waitForText(page.getByTestId('body-bytes'), new RegExp(String(Buffer.byteLength(pretty))))
    await page.getByTestId('verify-signature-input').fill(sign(compact, secret!))
    await page.getByTestId('verify-button').click()
    await waitForText(result.getByTestId('verify-diagnosis'), /re-serialised/)
    expect(await result.getByTestId('signature-badge').innerText()).toBe('Invalid')
  })
})
