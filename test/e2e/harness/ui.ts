/**
 * Small UI steps shared by the browser flows, written against the data-testids, roles and
 * labels the renderer exposes. Each waits for the UI's answer instead of sleeping.
 */
import type { Locator, Page } from 'playwright-core'
import { vi } from 'vitest'

/** Goes to a screen through the sidebar and waits for it. */
export async function goTo(page: Page, screen: 'inbox' | 'listeners' | 'compose' | 'endpoints' | 'deliveries' | 'platform' | 'scenarios' | 'verify' | 'settings') {
  await page.getByTestId(`nav-${screen}`).click()
  await page.getByTestId(`screen-${screen}`).waitFor({ state: 'visible' })
}

/** Waits until `locator`'s text matches `pattern` (the UI updates from pushed events). */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout
  for (;;) {
    const last = (await locator.innerText().catch(() => '')) ?? ''
    if (pattern.test(last)) return last
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in ${locator}; last text: ${JSON.stringify(last)}`)
    await locator.page().waitForTimeout(100)
  }
}

/** Settings → Create credentials; returns the API secret shown once. */
export async function createCredentialsInUi(page: Page): Promise<string> {
  await goTo(page, 'settings')
  await page.getByTestId('create-credentials').click()
  const secret = (await page.getByTestId('revealed-secret').innerText()).trim()
  await page.getByTestId('secret-saved').click()
  return secret
}

/**
 * Listeners → New listener on a free port (port 0), started at once; returns its URL
 * (e.g. `https://127.0.0.1:41234/`).
 */
export async function createListenerInUi(page: Page, name: string, options: { protocol?: 'https' | 'http' } = {}): Promise<string> {
  await goTo(page, 'listeners')
  await page.getByTestId('new-listener-button').click()
  const dialog = page.getByTestId('listener-dialog')
  await dialog.waitFor({ state: 'visible' })
  await dialog.getByLabel('Listener name').fill(name)
  if (options.protocol) await dialog.getByLabel('Protocol').selectOption(options.protocol)
  await dialog.getByLabel('Port').fill('0')
  await page.getByTestId('listener-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const row = page.getByTestId('listener-row').filter({ hasText: name })
  await waitForText(row.getByTestId('listener-state'), /Running/)
  const url = (await row.getByTestId('listener-url').innerText()).trim()
  if (!/^https?:\/\/127\.0\.0\.1:\d+\/$/.test(url) || url.endsWith(':0/')) throw new Error(`unexpected listener URL ${url}`)
  return url
}

/** Replaces the text of a CodeEditor (Monaco once loaded) identified by its test id. */
export async function replaceEditorText(page: Page, testId: string, text: string): Promise<void> {
  const editor = page.locator(`[data-testid="${testId}"][data-ready="true"]`)
  await editor.waitFor({ state: 'visible' })
  await editor.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  // insertText types no keys, so Monaco's auto-closing brackets and quotes do not fire.
  await page.keyboard.insertText(text)
}

/** vi.waitFor's budget for the engine to catch up with the UI (which may update optimistically first). */
export const ENGINE_WAIT = { timeout: 30_000, interval: 100 }

/**
 * Reads until `accept` says yes (vi.waitFor does the polling), then returns the accepted
 * value; on timeout the error names what was awaited and the last value read.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 30_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read()
      if (!accept(value)) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`)
      return value
    },
    { timeout, interval: 100 }
  )
}
