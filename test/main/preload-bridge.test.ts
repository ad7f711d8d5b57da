import { beforeEach, describe, expect, it, vi } from 'vitest'
import { events, methods } from '../../src/shared/contract'
import { IPC_CALL, IPC_EVENT, UI_NAVIGATE } from '../../src/shared/ipc-channels'
import { EVENT_NAMES, METHOD_NAMES } from '../../src/preload/names'

// Electron's renderer side, as the preload sees it: contextBridge records what is exposed,
// ipcRenderer answers invoke with whatever the test scripts and keeps the `on` listeners.
const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {}
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>()
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      return ipcRenderer
    },
    emit(channel: string, ...args: unknown[]) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'main' }, ...args)
    }
  }
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      exposed[key] = api
    })
  }
  return { exposed, listeners, ipcRenderer, contextBridge }
})
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

await import('../../src/preload/index')

interface ExposedBridge {
  call(method: string, input: unknown): Promise<unknown>
  subscribe(event: string, handler: (payload: unknown) => void): () => void
  onNavigate(handler: (screen: string) => void): () => void
}
const bridge = electron.exposed.workbench as ExposedBridge

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset()
})

describe('the preload', () => {
  it('exposes only window.workbench with call, subscribe and onNavigate: no ipcRenderer', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(Object.keys(electron.exposed)).toEqual(['workbench'])
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onNavigate', 'subscribe'])
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function')
      expect(value).not.toBe(electron.ipcRenderer.invoke)
    }
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer)
  })

  it('listens on the event channel exactly once', () => {
    expect(electron.listeners.get(IPC_EVENT)).toHaveLength(1)
    expect([...electron.listeners.keys()]).toEqual([IPC_EVENT])
  })

  it('knows exactly the contract methods and events', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort())
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort())
  })
})

describe('call', () => {
  it('invokes workbench:call with the method and input and unwraps a success', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { deleted: 3 } })
    await expect(bridge.call('captures.clear', { listenerId: 'lst_1' })).resolves.toEqual({ deleted: 3 })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CALL, 'captures.clear', { listenerId: 'lst_1' })
  })

  it('rejects with the wire error as plain data (code, message, details), which survives contextBridge', async () => {
    const error = { code: 'bad-input', message: 'url: expected an https:// URL', details: [{ path: ['url'] }] }
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error })
    const rejection = await bridge.call('endpoints.create', { name: 'x', url: 'ftp://x' }).catch((e: unknown) => e)
    expect(rejection).toEqual({ name: 'WorkbenchCallError', ...error })
    expect(Object.getPrototypeOf(rejection)).toBe(Object.prototype)
  })

  it('rejects an unknown method before anything reaches IPC', async () => {
    await expect(bridge.call('db.exec', { sql: 'DROP TABLE captures' })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('unknown method "db.exec"')
    })
    await expect(bridge.call('__proto__', {})).rejects.toMatchObject({ code: 'bad-input' })
    await expect(bridge.call(42 as unknown as string, {})).rejects.toMatchObject({ code: 'bad-input' })
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('turns a failed invoke or a malformed reply into an internal error', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'workbench:call'"))
    await expect(bridge.call('app.info', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('No handler registered')
    })
    electron.ipcRenderer.invoke.mockResolvedValueOnce('surprise')
    await expect(bridge.call('app.info', {})).rejects.toMatchObject({ code: 'internal' })
  })
})

describe('subscribe and onNavigate', () => {
  it('fans one batch out to the handlers of each event, in order', () => {
    const received: string[] = []
    const offA = bridge.subscribe('listeners.changed', () => received.push('a'))
    const offB = bridge.subscribe('listeners.changed', () => received.push('b'))
    const offC = bridge.subscribe('endpoints.changed', () => received.push('c'))
    electron.ipcRenderer.emit(IPC_EVENT, [
      { event: 'listeners.changed', payload: {} },
      { event: 'endpoints.changed', payload: {} },
      { event: 'credentials.changed', payload: {} }
    ])
    expect(received).toEqual(['a', 'b', 'c'])
    offA()
    electron.ipcRenderer.emit(IPC_EVENT, [{ event: 'listeners.changed', payload: {} }])
    expect(received).toEqual(['a', 'b', 'c', 'b'])
    offB()
    offC()
  })

  it('keeps delivering when one handler throws', () => {
    const got: unknown[] = []
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const off1 = bridge.subscribe('settings.changed', () => {
      throw new Error('broken component')
    })
    const off2 = bridge.subscribe('settings.changed', (p) => got.push(p))
    electron.ipcRenderer.emit(IPC_EVENT, [{ event: 'settings.changed', payload: { theme: 'dark' } }])
    expect(got).toEqual([{ theme: 'dark' }])
    expect(error).toHaveBeenCalled()
    off1()
    off2()
    error.mockRestore()
  })

  it('refuses unknown events and ignores malformed batches', () => {
    expect(() => bridge.subscribe('db.changed', () => {})).toThrow(/unknown event "db.changed"/)
    const got: unknown[] = []
    const off = bridge.subscribe('listeners.changed', (p) => got.push(p))
    electron.ipcRenderer.emit(IPC_EVENT, 'not an array')
    electron.ipcRenderer.emit(IPC_EVENT, [null, 7, { payload: {} }])
    expect(got).toEqual([])
    off()
  })

  it('passes menu navigation to onNavigate handlers, only for known screens', () => {
    const screens: string[] = []
    const off = bridge.onNavigate((s) => screens.push(s))
    electron.ipcRenderer.emit(IPC_EVENT, [
      { event: UI_NAVIGATE, payload: { screen: 'verify' } },
      { event: UI_NAVIGATE, payload: { screen: 'javascript:alert(1)' } },
      { event: UI_NAVIGATE, payload: null }
    ])
    expect(screens).toEqual(['verify'])
    off()
  })
})
