// The IPC layer against a real Workbench (temp SQLite file) and the real dispatcher: only
// Electron's ipcMain / ipcRenderer / webContents are stand-ins, and they are plain objects
// (the IpcMainLike interface), so no electron import is needed here at all.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWorkbench, type Workbench } from '../../src/core/workbench'
import { createDispatcher } from '../../src/shared/dispatcher'
import { IPC_CALL, IPC_EVENT } from '../../src/shared/ipc-channels'
import type { BridgeReply } from '../../src/shared/bridge'
import { connectEventPush, registerWorkbenchIpc, type InvokeEventLike, type IpcMainLike } from '../../src/main/ipc'
import type { FrameLike } from '../../src/main/own-page'
import { createBridge, type IpcRendererLike } from '../../src/preload/create-bridge'

const rendererFile = path.resolve('/opt/workbench/out/renderer/index.html')
const page = { rendererFile }
const ownFrame: FrameLike = { url: `${pathToFileURL(rendererFile).href}#/endpoints`, parent: null, isDestroyed: () => false }

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Handler>()
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What Electron does for ipcRenderer.invoke from a given frame. */
  async invoke(frame: FrameLike | null, method: unknown, input: unknown): Promise<BridgeReply<unknown>> {
    const handler = this.handlers.get(IPC_CALL)
    if (!handler) throw new Error(`No handler registered for '${IPC_CALL}'`)
    return (await handler({ senderFrame: frame }, method, input)) as BridgeReply<unknown>
  }
}

let dir: string
let workbench: Workbench
let ipcMain: FakeIpcMain
let warnings: string[]
let unregister: () => void

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  workbench = await createWorkbench({ dataDir: dir, background: false, transport: 'ipc' })
  ipcMain = new FakeIpcMain()
  warnings = []
  unregister = registerWorkbenchIpc({
    ipcMain,
    dispatcher: createDispatcher(workbench, { log: () => {} }),
    page,
    log: { warn: (m) => warnings.push(m) }
  })
})

afterEach(async () => {
  unregister()
  await workbench.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const endpoint = { name: 'Staging', url: 'https://staging.example/hooks' }

describe('registerWorkbenchIpc', () => {
  it('runs calls from our own page through the dispatcher', async () => {
    const info = await ipcMain.invoke(ownFrame, 'app.info', {})
    expect(info).toMatchObject({ ok: true, result: { transport: 'ipc', dataDir: dir } })
    const created = await ipcMain.invoke(ownFrame, 'endpoints.create', endpoint)
    expect(created).toMatchObject({ ok: true, result: { name: 'Staging', url: endpoint.url } })
  })

  it('refuses a call from a foreign page before it reaches the Workbench', async () => {
    const foreign: FrameLike = { url: 'https://evil.example/', parent: null, isDestroyed: () => false }
    const reply = await ipcMain.invoke(foreign, 'endpoints.create', endpoint)
    expect(reply).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('https://evil.example/') } })
    expect(await ipcMain.invoke(ownFrame, 'endpoints.list', {})).toEqual({ ok: true, result: [] })
    expect(warnings).toHaveLength(1)
  })

  it('refuses calls from a destroyed or vanished frame', async () => {
    const destroyed: FrameLike = { ...ownFrame, isDestroyed: () => true }
    expect(await ipcMain.invoke(destroyed, 'endpoints.create', endpoint)).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await ipcMain.invoke(null, 'endpoints.create', endpoint)).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await ipcMain.invoke(ownFrame, 'endpoints.list', {})).toEqual({ ok: true, result: [] })
  })

  it('answers bad input, unknown methods and non-string names with wire errors, never a rejection', async () => {
    expect(await ipcMain.invoke(ownFrame, 'endpoints.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    expect(await ipcMain.invoke(ownFrame, 'db.exec', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    expect(await ipcMain.invoke(ownFrame, { toString: 'x' }, {})).toMatchObject({ ok: false, error: { code: 'bad-input' } })
  })

  it('removes its handler when asked', async () => {
    unregister()
    await expect(ipcMain.invoke(ownFrame, 'app.info', {})).rejects.toThrow(/No handler registered/)
    // afterEach unregisters again: removing an absent handler is harmless.
  })
})

describe('preload bridge → IPC → Workbench, and events back', () => {
  it('round-trips calls and pushes the resulting bus events to the page', async () => {
    const pageListeners: ((event: unknown, ...args: unknown[]) => void)[] = []
    const ipcRenderer: IpcRendererLike = {
      invoke: (channel, method, input) => {
        expect(channel).toBe(IPC_CALL)
        // Electron structured-clones arguments; JSON is close enough for contract data.
        return ipcMain.invoke(ownFrame, method, JSON.parse(JSON.stringify(input)))
      },
      on: (channel, listener) => {
        expect(channel).toBe(IPC_EVENT)
        pageListeners.push(listener)
      }
    }
    const webContents = {
      send: (channel: string, batch: unknown) => {
        for (const l of pageListeners) if (channel === IPC_EVENT) l({}, structuredClone(batch))
      },
      isDestroyed: () => false
    }
    const push = connectEventPush({ bus: workbench.bus, target: webContents })
    const bridge = createBridge(ipcRenderer)

    const changed = vi.fn()
    const off = bridge.subscribe('endpoints.changed', changed)
    const created = await bridge.call('endpoints.create', endpoint)
    expect(created).toMatchObject({ name: 'Staging', active: true })
    await vi.waitFor(() => expect(changed).toHaveBeenCalled())

    await expect(bridge.call('endpoints.get' as never, {} as never)).rejects.toMatchObject({ code: 'bad-input' })
    await expect(bridge.call('endpoints.update', { id: 'end_missing', patch: { name: 'x' } })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('end_missing')
    })
    off()
    push.dispose()
  })
})
