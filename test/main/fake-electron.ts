// A stand-in for Electron's modules, for tests that run src/main/index.ts end to end with a
// real Workbench (the real electron package must never load in tests). It records what the
// main process does: IPC handlers, windows and what was sent to them, notifications, the app
// calls (sandbox, name, menu, quit, exit), error boxes. Use it from vi.hoisted:
//   const fake = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron())
//   vi.mock('electron', () => fake.module)

type Listener = (...args: unknown[]) => unknown

class Emitter {
  listeners = new Map<string, Listener[]>()
  on(name: string, l: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l])
    return this
  }
  once(name: string, l: Listener) {
    return this.on(name, l)
  }
  emit(name: string, ...args: unknown[]) {
    for (const l of this.listeners.get(name) ?? []) l(...args)
  }
}

export interface FakeWindowLike extends Emitter {
  readonly options: Record<string, unknown>
}

export interface FakeNotificationLike extends Emitter {
  readonly options: { title: string; body: string }
  shown: boolean
}

export function createFakeElectron() {
  const state = {
    /** What requestSingleInstanceLock answers. */
    lock: true,
    /** Whether the window reports focus (a focused window suppresses notifications). */
    focused: true,
    /** What Notification.isSupported answers. */
    notificationsSupported: false,
    calls: [] as string[],
    paths: {} as Record<string, string>,
    handlers: new Map<string, Listener>(),
    windows: [] as FakeWindowLike[],
    notifications: [] as FakeNotificationLike[],
    sent: [] as Array<{ channel: string; batch: unknown }>,
    ready: null as null | (() => void),
    quitResolved: null as null | (() => void),
    errors: [] as string[]
  }
  class App extends Emitter {
    isPackaged = false
    enableSandbox() {
      state.calls.push('enableSandbox')
    }
    setName(name: string) {
      state.calls.push(`setName:${name}`)
    }
    setPath(name: string, value: string) {
      state.paths[name] = value
    }
    requestSingleInstanceLock() {
      return state.lock
    }
    getAppPath() {
      return process.cwd()
    }
    whenReady() {
      return new Promise<void>((resolve) => (state.ready = resolve))
    }
    quit() {
      state.calls.push('quit')
      let prevented = false
      this.emit('before-quit', { preventDefault: () => (prevented = true) })
      if (!prevented) state.quitResolved?.()
    }
    exit(code: number) {
      state.calls.push(`exit:${code}`)
    }
  }
  class FakeWindow extends Emitter {
    webContents = { send: (channel: string, batch: unknown) => state.sent.push({ channel, batch }), isDestroyed: () => false }
    constructor(readonly options: Record<string, unknown>) {
      super()
      state.windows.push(this)
    }
    async loadFile() {}
    async loadURL() {}
    getNormalBounds() {
      return { x: 0, y: 0, width: 800, height: 600 }
    }
    isMaximized() {
      return false
    }
    isDestroyed() {
      return false
    }
    isFocused() {
      return state.focused
    }
    isMinimized() {
      return false
    }
    show() {}
    focus() {}
    restore() {}
    maximize() {}
    static getAllWindows() {
      return state.windows
    }
  }
  class FakeNotification extends Emitter {
    shown = false
    constructor(readonly options: { title: string; body: string }) {
      super()
      state.notifications.push(this)
    }
    show() {
      this.shown = true
    }
    static isSupported() {
      return state.notificationsSupported
    }
  }
  const session = {
    webRequest: { onHeadersReceived: () => {} },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {}
  }
  const module = {
    app: new App(),
    BrowserWindow: FakeWindow,
    Notification: FakeNotification,
    session: { defaultSession: session },
    ipcMain: {
      handle: (channel: string, l: Listener) => state.handlers.set(channel, l),
      removeHandler: (channel: string) => state.handlers.delete(channel)
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => state.calls.push('menu') },
    dialog: { showErrorBox: (_t: string, message: string) => state.errors.push(message) },
    shell: { openExternal: async () => {}, openPath: async () => '', showItemInFolder: () => {} },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    nativeTheme: { shouldUseDarkColors: false }
  }
  return { state, module }
}
