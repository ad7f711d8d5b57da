// Checks on the electron-vite output. `npm test` builds first; a bare `vitest run` on a
// fresh checkout has no out/ yet, so these skip then (run `npx electron-vite build`).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { META_CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy'

const root = path.resolve(import.meta.dirname, '../..')
const preload = path.join(root, 'out', 'preload', 'index.cjs')
const main = path.join(root, 'out', 'main', 'index.js')
const page = path.join(root, 'out', 'renderer', 'index.html')
const built = fs.existsSync(preload) && fs.existsSync(main)

describe.skipIf(!built)('the built Electron shell (out/)', () => {
  it('has a small CommonJS preload that requires nothing but electron', () => {
    const code = fs.readFileSync(preload, 'utf8')
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
    expect([...new Set(required)]).toEqual(['electron'])
    expect(code).not.toMatch(/^\s*import\s/m)
    // The contract's names only: no zod, no models.
    expect(code).not.toContain('zod')
    expect(Buffer.byteLength(code)).toBeLessThan(20_000)
    expect(code).toContain('exposeInMainWorld')
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/)
  })

  it('never loosens the window sandbox in the main bundle', () => {
    const code = fs.readFileSync(main, 'utf8')
    expect(code).toMatch(/sandbox:\s*true/)
    expect(code).toMatch(/contextIsolation:\s*true/)
    expect(code).not.toMatch(/sandbox:\s*false/)
    expect(code).not.toMatch(/contextIsolation:\s*false/)
    expect(code).not.toMatch(/nodeIntegration:\s*true/)
    expect(code).not.toMatch(/webSecurity:\s*false/)
  })

  it('carries the shared builder\'s policy in the page\'s CSP meta tag', () => {
    const html = fs.readFileSync(page, 'utf8')
    const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY)
  })
})
