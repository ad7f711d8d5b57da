/**
 * Screenshots of UI checks, for people to look at (never compared by the tests). They go to
 * $KYC_E2E_SHOTS, or a folder in the system temp dir.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'

export const SHOTS_DIR = process.env.KYC_E2E_SHOTS ? path.resolve(process.env.KYC_E2E_SHOTS) : path.join(os.tmpdir(), 'kyc-e2e-shots')

/** Saves a PNG of the page as `<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true })
  const file = path.join(SHOTS_DIR, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}
