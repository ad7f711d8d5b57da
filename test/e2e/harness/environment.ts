/**
 * What the browser tests need from the machine: Debian's Chromium (playwright-core never
 * downloads a browser) and the built renderer in out/renderer.
 *
 * Locally, a machine without Chromium skips the e2e suite with a message; on CI (CI=true)
 * the same absence fails loudly, so a broken CI image cannot pass by testing nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
/** The built UI that `kyc-hooks serve` serves: KYC_HOOKS_UI_DIR (passed on to serve) or out/renderer. */
export const RENDERER_DIR = process.env.KYC_HOOKS_UI_DIR ? path.resolve(process.env.KYC_HOOKS_UI_DIR) : path.join(REPO_ROOT, 'out', 'renderer')
const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/** The Chromium executable: CHROMIUM_PATH, else /usr/bin/chromium; null when neither exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env.CHROMIUM_PATH || DEFAULT_CHROMIUM
  try {
    fs.accessSync(candidate, fs.constants.X_OK)
    return candidate
  } catch {
    return null
  }
}

export const CHROMIUM_PATH = findChromium()
export const ON_CI = process.env.CI === 'true' || process.env.CI === '1'

/**
 * True when the e2e suite should be skipped: no Chromium on a developer machine.
 * Reason (shown once below): install it with `apt-get install -y chromium`, or point
 * CHROMIUM_PATH at a Chromium/Chrome binary.
 */
export const SKIP_E2E = CHROMIUM_PATH === null && !ON_CI

if (SKIP_E2E) {
  console.warn(
    `[e2e] skipped: no Chromium at ${process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM}. ` +
      'Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH) to run the browser tests.'
  )
}

/** Throws a clear error when something the suite needs is missing (called in beforeAll). */
export function assertE2EReady(): string {
  if (!CHROMIUM_PATH) {
    throw new Error(
      `Chromium not found at ${process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM} and CI is set, so the browser tests cannot be skipped: ` +
        'apt-get install -y chromium (or set CHROMIUM_PATH)'
    )
  }
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_DIR}/index.html is missing): run npx electron-vite build (npm test does it first)`)
  }
  return CHROMIUM_PATH
}

/** Per-test budget for browser flows: Chromium, Monaco and a serve process on a shared 2-core machine. */
export const E2E_TIMEOUT_MS = 180_000
