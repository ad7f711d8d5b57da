#!/usr/bin/env node
// Renders resources/icon.svg to resources/icon.png (512x512, transparent corners) with the
// system Chromium through playwright-core, so no image tool is needed. Run it after editing
// the SVG: `node scripts/make-icon.mjs` (CHROMIUM_PATH overrides /usr/bin/chromium).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const svg = fs.readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8')
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-icon-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 512, height: 512 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
try {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`)
  await page.locator('svg').screenshot({ path: path.join(root, 'resources', 'icon.png'), omitBackground: true })
  console.log('wrote resources/icon.png')
} finally {
  await context.close()
  fs.rmSync(profile, { recursive: true, force: true })
}
