/**
 * The per-test fixture for browser tests: its own `kyc-hooks serve` process (own data
 * folder, own port) and its own Chromium profile, both torn down after each test.
 * Usage, inside a `describe.skipIf(SKIP_E2E)`:
 *
 *   const e2e = useE2E()
 *   it('...', async () => { const { page, serve } = await e2e.open() })
 */
import { afterEach, beforeAll } from 'vitest'
import type { Page } from 'playwright-core'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract'
import { launchBrowser, type BrowserSession } from './browser'
import { assertE2EReady } from './environment'
import { startServeProcess, type ServeProcess } from './serve-process'

export interface E2EApp {
  serve: ServeProcess
  browser: BrowserSession
  page: Page
}

export interface OpenOptions {
  /** Open the printed URL (default) or the bare origin, as a user who lost the token would. */
  withToken?: boolean
}

export function useE2E() {
  let chromiumPath = ''
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(() => {
    chromiumPath = assertE2EReady()
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
  })

  return {
    /** Starts serve, launches Chromium and opens the UI. */
    async open(options: OpenOptions = {}): Promise<E2EApp> {
      // Started side by side: each takes seconds on a busy machine.
      const [serveResult, browserResult] = await Promise.allSettled([startServeProcess(), launchBrowser(chromiumPath)])
      if (serveResult.status === 'fulfilled') cleanups.push(() => serveResult.value.stop())
      if (browserResult.status === 'fulfilled') cleanups.push(() => browserResult.value.close())
      if (serveResult.status === 'rejected') throw serveResult.reason
      if (browserResult.status === 'rejected') throw browserResult.reason
      const serve: ServeProcess = serveResult.value
      const browser: BrowserSession = browserResult.value
      await browser.page.goto(options.withToken === false ? `${serve.origin}/` : serve.url)
      if (options.withToken !== false) await waitForShell(browser, serve)
      return { serve, browser, page: browser.page }
    },
    /** Only a browser, for tests that run their own server in-process. */
    async browser(): Promise<BrowserSession> {
      const browser = await launchBrowser(chromiumPath)
      cleanups.push(() => browser.close())
      return browser
    },
    /** Registers extra cleanup (servers a test started itself). */
    defer(cleanup: () => Promise<unknown>): void {
      cleanups.push(cleanup)
    }
  }
}

/**
 * Waits for the app shell (the Inbox, the default screen). On failure the error carries
 * what the page shows, its console errors and the server's output, to see why at once.
 */
async function waitForShell(browser: BrowserSession, serve: ServeProcess): Promise<void> {
  try {
    await browser.page.getByTestId('screen-inbox').waitFor({ state: 'visible', timeout: 45_000 })
  } catch (err) {
    const text = await browser.page.locator('body').innerText().catch(() => '(no body)')
    throw new Error(
      `the app did not show the Inbox: ${(err as Error).message}\n--- page text:\n${text.slice(0, 2000)}\n` +
        `--- console errors:\n${browser.errors.join('\n')}\n--- serve output:\n${serve.output().slice(-2000)}`,
      { cause: err }
    )
  }
}

/** A contract call straight to the test's server (setup and checks behind the UI's back). */
export async function api<M extends MethodName>(serve: ServeProcess, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await fetch(`${serve.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
    body: JSON.stringify(input)
  })
  const reply = (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } }
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error?.code}: ${reply.error?.message}`)
  return reply.result as MethodOutput<M>
}
