/**
 * Debian's Chromium driven by playwright-core, one persistent profile per test (a fresh
 * temp folder), so no test sees another's sessionStorage or cache.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export interface BrowserSession {
  context: BrowserContext
  page: Page
  /** Console errors and page errors seen so far (CSP violations land here too). */
  errors: string[]
  close(): Promise<void>
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export async function launchBrowser(executablePath: string): Promise<BrowserSession> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-chromium-'))
  let context: BrowserContext
  try {
    // The profile folder is the first argument, never --user-data-dir (playwright manages it).
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 }
    })
  } catch (err) {
    fs.rmSync(profileDir, { recursive: true, force: true })
    throw err
  }
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined)
      fs.rmSync(profileDir, { recursive: true, force: true })
    }
  }
}
