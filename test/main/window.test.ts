import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'

// A BrowserWindow that records its options and what it loads; screens are one 1920x1080 display.
const electron = vi.hoisted(() => {
  const created: FakeWindow[] = []
  const once = new WeakSet<(...args: unknown[]) => void>()
  class FakeWindow {
    listeners = new Map<string, ((...args: unknown[]) => void)[]>()
    events = {
      emit: (name: string, ...args: unknown[]) => {
        const list = this.listeners.get(name) ?? []
        this.listeners.set(name, list.filter((l) => !once.has(l)))
        for (const l of list) l(...args)
      }
    }
    loaded: { kind: 'file' | 'url'; target: string } | null = null
    bounds = { x: 10, y: 10, width: 800, height: 600 }
    maximized = false
    shown = false
    destroyed = false
    constructor(readonly options: BrowserWindowConstructorOptions) {
      created.push(this)
    }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      once.add(listener)
      return this.on(name, listener)
    }
    async loadFile(file: string) {
      this.loaded = { kind: 'file', target: file }
    }
    async loadURL(url: string) {
      this.loaded = { kind: 'url', target: url }
    }
    getNormalBounds() {
      return this.bounds
    }
    isMaximized() {
      return this.maximized
    }
    maximize() {
      this.maximized = true
    }
    show() {
      this.shown = true
    }
    isDestroyed() {
      return this.destroyed
    }
  }
  return {
    created,
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    nativeTheme: { shouldUseDarkColors: false }
  }
})
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, screen: electron.screen, nativeTheme: electron.nativeTheme }))

const { createMainWindow, secureWebPreferences } = await import('../../src/main/window')
const { WINDOW_STATE_FILE, loadWindowState } = await import('../../src/main/window-state')
const { tightenIfLoose, PRIVATE_DIR_MODE } = await import('../../src/core/store/private-files')

let dataDir: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  electron.created.length = 0
})
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const page = { rendererFile: '/opt/workbench/out/renderer/index.html' }
const preloadPath = '/opt/workbench/out/preload/index.cjs'

describe('secureWebPreferences', () => {
  it('keeps the page isolated, sandboxed and without Node', () => {
    const prefs = secureWebPreferences(preloadPath)
    expect(prefs).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })
})

describe('createMainWindow', () => {
  it('creates the window with the secure preferences and loads the built renderer file', () => {
    createMainWindow({ page, preloadPath, dataDir })
    const [win] = electron.created
    expect(win.options.webPreferences).toEqual(secureWebPreferences(preloadPath))
    expect(win.options.show).toBe(false)
    expect(win.loaded).toEqual({ kind: 'file', target: page.rendererFile })
  })

  it('loads the dev server URL in development', () => {
    createMainWindow({ page: { ...page, devServerUrl: 'http://localhost:5173' }, preloadPath, dataDir })
    expect(electron.created[0].loaded).toEqual({ kind: 'url', target: 'http://localhost:5173' })
  })

  it('remembers bounds and maximized state across runs in the data folder', () => {
    createMainWindow({ page, preloadPath, dataDir })
    const first = electron.created[0]
    first.bounds = { x: 100, y: 120, width: 1200, height: 800 }
    first.maximized = true
    first.events.emit('close')
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      x: 100,
      y: 120,
      width: 1200,
      height: 800,
      maximized: true
    })

    createMainWindow({ page, preloadPath, dataDir })
    const second = electron.created[1]
    expect(second.options).toMatchObject({ x: 100, y: 120, width: 1200, height: 800 })
    expect(second.shown).toBe(false)
    second.events.emit('ready-to-show')
    expect(second.maximized).toBe(true)
    expect(second.shown).toBe(true)
  })

  it('creates a missing data folder owner-only (0700) and the state file 0600, so the database finds nothing to tighten', () => {
    const fresh = path.join(dataDir, 'fresh-data')
    createMainWindow({ page, preloadPath, dataDir: fresh })
    electron.created[0].events.emit('close')
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700)
    expect(fs.statSync(path.join(fresh, WINDOW_STATE_FILE)).mode & 0o777).toBe(0o600)
    // What the database does when it opens this folder next: nothing to tighten, no notice.
    const notices: string[] = []
    tightenIfLoose(fresh, PRIVATE_DIR_MODE, (line) => notices.push(line))
    expect(notices).toEqual([])
  })

  it('drops a saved position that is off every screen', () => {
    fs.writeFileSync(path.join(dataDir, WINDOW_STATE_FILE), JSON.stringify({ x: 5000, y: 3000, width: 1000, height: 700, maximized: false }))
    createMainWindow({ page, preloadPath, dataDir })
    const { options } = electron.created[0]
    expect(options.x).toBeUndefined()
    expect(options.y).toBeUndefined()
    expect(options).toMatchObject({ width: 1000, height: 700 })
  })
})

describe('loadWindowState', () => {
  it('falls back to defaults for a missing, corrupt or hostile file', () => {
    expect(loadWindowState(dataDir)).toEqual({ width: 1360, height: 860, maximized: false })
    const file = path.join(dataDir, WINDOW_STATE_FILE)
    fs.writeFileSync(file, '{not json')
    expect(loadWindowState(dataDir)).toEqual({ width: 1360, height: 860, maximized: false })
    fs.writeFileSync(file, JSON.stringify({ x: 'a', y: null, width: -5, height: 1e12, maximized: 'yes' }))
    expect(loadWindowState(dataDir)).toEqual({ width: 1360, height: 860, maximized: false })
    fs.writeFileSync(file, JSON.stringify({ width: 10, height: 10 }))
    expect(loadWindowState(dataDir)).toEqual({ width: 720, height: 480, maximized: false })
  })
})
