/**
 * The one application window: sandboxed, context-isolated, no Node in the page, our
 * preload only. It reopens where the user left it (bounds and maximized state are saved
 * to window-state.json in the data folder).
 */
import { BrowserWindow, nativeTheme, screen, type WebPreferences } from 'electron'
import type { OwnPage } from './own-page'
import { fitToScreens, loadWindowState, saveWindowState, type WindowState } from './window-state'
import { messageOf } from '../shared/errors'

export const WINDOW_TITLE = 'Smart KYC Webhook Workbench'

/**
 * The page's privileges, spelled out even where they equal Electron's defaults so a
 * reader (or a future default change) cannot loosen them silently.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false
  }
}

export interface MainWindowOptions {
  page: OwnPage
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string
  /** Where window-state.json lives (the Workbench's data folder). */
  dataDir: string
  /** Window icon on Linux/Windows (packaged apps take it from the executable). */
  iconPath?: string
}

function currentState(win: BrowserWindow): WindowState {
  // Normal bounds: what the window returns to when un-maximized, which is what to restore.
  const bounds = win.getNormalBounds()
  return { ...bounds, maximized: win.isMaximized() }
}

/** Creates, positions and loads the main window. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = fitToScreens(
    loadWindowState(options.dataDir),
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    x: saved.x,
    y: saved.y,
    width: saved.width,
    height: saved.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14161a' : '#ffffff',
    icon: options.iconPath,
    webPreferences: secureWebPreferences(options.preloadPath)
  })

  win.once('ready-to-show', () => {
    if (saved.maximized) win.maximize()
    win.show()
  })

  // Save on a quiet moment after moving/resizing too, so a crash keeps the last layout.
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  const saveSoon = () => {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => {
      saveTimer = null
      if (!win.isDestroyed()) saveWindowState(options.dataDir, currentState(win))
    }, 500)
  }
  win.on('resize', saveSoon)
  win.on('move', saveSoon)
  win.on('maximize', saveSoon)
  win.on('unmaximize', saveSoon)
  win.on('close', () => {
    if (saveTimer) clearTimeout(saveTimer)
    saveWindowState(options.dataDir, currentState(win))
  })

  const loading = options.page.devServerUrl ? win.loadURL(options.page.devServerUrl) : win.loadFile(options.page.rendererFile)
  loading.catch((err: unknown) => {
    console.error(`workbench: the window could not load the UI: ${messageOf(err)}`)
  })
  return win
}
