import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fallbackLine, hasDisplay, planLaunch, probeElectronBinary, type LaunchInput } from '../../scripts/launch-plan.mjs'

function input(overrides: Partial<LaunchInput> = {}): LaunchInput {
  return {
    platform: 'linux',
    env: { DISPLAY: ':0' },
    isRoot: false,
    electron: vi.fn(async () => ({ ok: true as const, path: '/x/electron' })),
    nativeSqlite: vi.fn(async () => ({ ok: true as const })),
    ...overrides
  }
}

describe('planLaunch (npm start)', () => {
  it('starts Electron when there is a display, a binary and the sqlite build', async () => {
    expect(await planLaunch(input())).toEqual({ kind: 'electron', electronPath: '/x/electron' })
    expect(await planLaunch(input({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toMatchObject({ kind: 'electron' })
    expect(await planLaunch(input({ platform: 'darwin', env: {} }))).toMatchObject({ kind: 'electron' })
    expect(await planLaunch(input({ platform: 'win32', env: {}, isRoot: true }))).toMatchObject({ kind: 'electron' })
  })

  it('falls back to serve without a display, before trying to download anything', async () => {
    const i = input({ env: {} })
    expect(await planLaunch(i)).toEqual({ kind: 'serve', reason: 'there is no display: neither DISPLAY nor WAYLAND_DISPLAY is set' })
    expect(i.electron).not.toHaveBeenCalled()
    expect(i.nativeSqlite).not.toHaveBeenCalled()
  })

  it('falls back to serve when the Electron binary cannot be had, with its reason', async () => {
    const i = input({ electron: vi.fn(async () => ({ ok: false as const, reason: 'github.com is unreachable' })) })
    expect(await planLaunch(i)).toEqual({ kind: 'serve', reason: 'github.com is unreachable' })
    expect(i.nativeSqlite).not.toHaveBeenCalled()
  })

  it('falls back to serve when the Electron build of better-sqlite3 is missing', async () => {
    const i = input({ nativeSqlite: vi.fn(async () => ({ ok: false as const, reason: 'offline: needs github.com' })) })
    expect(await planLaunch(i)).toEqual({ kind: 'serve', reason: 'offline: needs github.com' })
  })

  it('falls back to serve as root on Linux rather than switching the sandbox off', async () => {
    expect(await planLaunch(input({ isRoot: true }))).toMatchObject({ kind: 'serve', reason: expect.stringContaining('root') })
  })

  it('honours KYC_HOOKS_NO_ELECTRON=1', async () => {
    expect(await planLaunch(input({ env: { DISPLAY: ':0', KYC_HOOKS_NO_ELECTRON: '1' } }))).toMatchObject({ kind: 'serve' })
  })

  it('explains the fallback in one line', () => {
    const line = fallbackLine('there is no display')
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toContain('there is no display')
    expect(line).toContain('kyc-hooks serve')
  })

  it('knows which platforms need a display variable', () => {
    expect(hasDisplay('linux', {})).toBe(false)
    expect(hasDisplay('freebsd', { DISPLAY: ':1' })).toBe(true)
    expect(hasDisplay('darwin', {})).toBe(true)
  })
})

describe('probeElectronBinary', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  })
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('reports a missing download without triggering one', () => {
    expect(probeElectronBinary(dir, {})).toMatchObject({ ok: false, reason: expect.stringContaining('not installed') })
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron')
    expect(probeElectronBinary(dir, {})).toMatchObject({ ok: false, reason: expect.stringContaining('missing') })
  })

  it('finds the binary named by path.txt in dist/', () => {
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron')
    fs.mkdirSync(path.join(dir, 'dist'))
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '')
    expect(probeElectronBinary(dir, {})).toEqual({ ok: true, path: path.join(dir, 'dist', 'electron') })
  })
})
