import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NATIVE_BINDING_FILE, NATIVE_STAMP_FILE, resolveNativeBinding } from '../../src/main/native-sqlite'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function place(folder: string, abi?: string): string {
  fs.mkdirSync(folder, { recursive: true })
  const file = path.join(folder, NATIVE_BINDING_FILE)
  fs.writeFileSync(file, 'binary')
  if (abi) fs.writeFileSync(path.join(folder, NATIVE_STAMP_FILE), JSON.stringify({ abi }))
  return file
}

describe('resolveNativeBinding', () => {
  it('uses .electron-native/ under the app in development', () => {
    const file = place(path.join(dir, '.electron-native'), '150')
    expect(resolveNativeBinding({ isPackaged: false, resourcesPath: '/nowhere', appPath: dir, runtimeAbi: '150', env: {} })).toEqual({
      ok: true,
      path: file
    })
  })

  it('uses resources/native/ in a packaged app', () => {
    const file = place(path.join(dir, 'resources', 'native'))
    expect(
      resolveNativeBinding({ isPackaged: true, resourcesPath: path.join(dir, 'resources'), appPath: '/nowhere', env: {} })
    ).toEqual({ ok: true, path: file })
  })

  it('says how to prepare the binary when it is missing', () => {
    const result = resolveNativeBinding({ isPackaged: false, resourcesPath: '/nowhere', appPath: dir, env: {} })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toContain(path.join(dir, '.electron-native', NATIVE_BINDING_FILE))
    expect(!result.ok && result.message).toContain('prepare-electron-sqlite.mjs')
  })

  it('refuses a development build made for another Electron ABI', () => {
    place(path.join(dir, '.electron-native'), '140')
    const result = resolveNativeBinding({ isPackaged: false, resourcesPath: '/nowhere', appPath: dir, runtimeAbi: '150', env: {} })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toMatch(/built for Electron ABI 140 but this Electron needs ABI 150/)
  })

  it('honours KYC_HOOKS_ELECTRON_SQLITE', () => {
    const file = place(path.join(dir, 'custom'))
    expect(
      resolveNativeBinding({ isPackaged: true, resourcesPath: '/nowhere', appPath: '/nowhere', env: { KYC_HOOKS_ELECTRON_SQLITE: file } })
    ).toEqual({ ok: true, path: file })
  })
})
