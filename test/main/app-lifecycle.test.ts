// src/main/index.ts end to end with a stand-in for Electron's modules and a real Workbench:
// it opens the database in a temp data folder (through the Node build of better-sqlite3,
// named the way the desktop app names its Electron build), serves IPC, and on quit closes
// the Workbench before letting the app exit.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CALL } from '../../src/shared/ipc-channels'

const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron())
vi.mock('electron', () => fake.module)

const savedEnv = { ...process.env }
let dataDir: string

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  process.env.KYC_HOOKS_DATA_DIR = dataDir
  delete process.env.KYC_HOOKS_DB
  delete process.env.ELECTRON_RENDERER_URL
  // Under Node the Node build is the right binary; the app loads whatever this names.
  process.env.KYC_HOOKS_ELECTRON_SQLITE = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  vi.resetModules()
  Object.assign(fake.state, { lock: true, calls: [], paths: {}, windows: [], ready: null, quitResolved: null, errors: [] })
  fake.state.handlers.clear()
  fake.module.app.listeners.clear()
})

afterEach(() => {
  process.env = { ...savedEnv }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function startApp(): Promise<void> {
  await import('../../src/main/index')
  fake.state.ready!()
  await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1), { timeout: 20_000 })
}

describe('the main process lifecycle', () => {
  it('starts sandboxed in the data folder, serves IPC to its window, and closes the Workbench on quit', async () => {
    await startApp()
    expect(fake.state.calls).toContain('enableSandbox')
    expect(fake.state.paths.userData).toBe(dataDir)
    expect(fake.state.calls).toContain('menu')
    expect(fake.state.errors).toEqual([])
    expect(fake.state.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })

    const rendererFile = path.resolve('src/renderer/index.html')
    const frame = { url: pathToFileURL(rendererFile).href, parent: null, isDestroyed: () => false }
    const handler = fake.state.handlers.get(IPC_CALL)!
    expect(await handler({ senderFrame: frame }, 'app.info', {})).toMatchObject({ ok: true, result: { transport: 'ipc', dataDir } })
    expect(await handler({ senderFrame: { ...frame, url: 'https://evil.example/' } }, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' }
    })

    const dbFile = path.join(dataDir, 'workbench.sqlite')
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(true)
    const quitDone = new Promise<void>((resolve) => (fake.state.quitResolved = resolve))
    fake.module.app.quit()
    await quitDone
    // The last connection closed: SQLite checkpointed and removed the WAL, and IPC is gone.
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false)
    expect(fake.state.handlers.has(IPC_CALL)).toBe(false)
    expect(fake.state.calls.filter((c) => c === 'quit')).toHaveLength(2)
  })

  it('leaves at once when another instance holds the data folder', async () => {
    fake.state.lock = false
    const quitDone = new Promise<void>((resolve) => (fake.state.quitResolved = resolve))
    await import('../../src/main/index')
    await quitDone
    expect(fake.state.calls).toContain('quit')
    expect(fake.state.ready).toBeNull()
    expect(fake.state.handlers.size).toBe(0)
  })

  it('explains a missing Electron build of better-sqlite3 and exits', async () => {
    process.env.KYC_HOOKS_ELECTRON_SQLITE = path.join(dataDir, 'nope', 'better_sqlite3.node')
    await import('../../src/main/index')
    fake.state.ready!()
    await vi.waitFor(() => expect(fake.state.calls).toContain('exit:1'))
    expect(fake.state.errors[0]).toContain('the Electron build of better-sqlite3 is missing')
    expect(fake.state.errors[0]).toContain('KYC_HOOKS_ELECTRON_SQLITE')
    expect(fake.state.windows).toHaveLength(0)
  })
})
