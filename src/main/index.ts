/**
 * The Electron main process: one instance per data folder, the Workbench engine hosted
 * here, one sandboxed window talking to it over IPC, native menus and notifications, and
 * a clean shutdown that closes listeners and the database before the app exits.
 */
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWorkbench, type Workbench } from '../core/workbench'
import { resolveDataLocation } from '../core/paths'
import { createDispatcher } from '../shared/dispatcher'
import { messageOf } from '../shared/errors'
import type { ScreenName } from '../shared/bridge'
import { connectEventPush, registerWorkbenchIpc, type EventPush } from './ipc'
import { installMenu } from './menu'
import { resolveNativeBinding } from './native-sqlite'
import { startNotifier, type NotificationSpec } from './notifications'
import type { OwnPage } from './own-page'
import { applySessionSecurity, installAppSecurity } from './security'
import { createMainWindow, WINDOW_TITLE } from './window'

const here = path.dirname(fileURLToPath(import.meta.url))
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const isDev = devServerUrl !== undefined
const page: OwnPage = { rendererFile: path.join(here, '../renderer/index.html'), devServerUrl }
const preloadPath = path.join(here, '../preload/index.cjs')
/** Closing listeners and the database should take well under this; a hung socket must not block quitting. */
const CLOSE_TIMEOUT_MS = 5_000

let workbench: Workbench | null = null
let mainWindow: BrowserWindow | null = null
let eventPush: EventPush | null = null
let stopNotifier: (() => void) | null = null
let removeIpc: (() => void) | null = null
let shutdownState: 'running' | 'closing' | 'closed' = 'running'
// Electron drops click handlers of notifications that get garbage-collected; hold them while shown.
const shownNotifications = new Set<Notification>()

function fatal(message: string): void {
  console.error(`Smart KYC Webhook Workbench cannot start: ${message}`)
  dialog.showErrorBox('Smart KYC Webhook Workbench cannot start', message)
  app.exit(1)
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

function navigate(screen: ScreenName): void {
  if (!mainWindow && workbench) openWindow()
  focusWindow()
  eventPush?.navigate(screen)
}

function openWindow(): void {
  if (!workbench) return
  const win = createMainWindow({
    page,
    preloadPath,
    dataDir: workbench.dataDir,
    // Packaged too: electron-builder.yml ships resources/icon.png inside the app archive.
    iconPath: path.join(app.getAppPath(), 'resources', 'icon.png')
  })
  const push = connectEventPush({ bus: workbench.bus, target: win.webContents })
  win.on('closed', () => {
    push.dispose()
    if (mainWindow === win) {
      mainWindow = null
      eventPush = null
    }
  })
  mainWindow = win
  eventPush = push
}

function showNotification(spec: NotificationSpec): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: spec.title, body: spec.body })
  shownNotifications.add(notification)
  notification.on('click', () => navigate(spec.screen))
  notification.on('close', () => shownNotifications.delete(notification))
  notification.show()
}

async function start(): Promise<void> {
  applySessionSecurity(session.defaultSession, page)
  const binding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    runtimeAbi: process.versions.modules
  })
  if (!binding.ok) return fatal(binding.message)

  try {
    workbench = await createWorkbench({ nativeBinding: binding.path, transport: 'ipc', background: true })
  } catch (err) {
    return fatal(messageOf(err))
  }
  const wb = workbench
  removeIpc = registerWorkbenchIpc({ ipcMain, dispatcher: createDispatcher(wb), page })
  installMenu({
    platform: process.platform,
    isDev,
    appName: WINDOW_TITLE,
    actions: {
      navigate,
      showDataFolder: () => void shell.openPath(wb.dataDir),
      showCaCertificate: () => {
        wb.tls
          .ca({})
          .then((ca) => shell.showItemInFolder(ca.path))
          .catch((err: unknown) => dialog.showErrorBox('No local CA certificate', messageOf(err)))
      }
    }
  })
  stopNotifier = startNotifier({
    bus: wb.bus,
    isEnabled: async () => (await wb.settings.get({})).notifications,
    // The window shows the same event live; a notification on top of it is noise.
    suppress: () => mainWindow?.isFocused() ?? false,
    show: showNotification
  })
  openWindow()
}

/** Stops everything that holds the database, then lets the quit proceed. */
async function shutdown(): Promise<void> {
  shutdownState = 'closing'
  stopNotifier?.()
  eventPush?.dispose()
  removeIpc?.()
  if (workbench) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`workbench: closing took longer than ${CLOSE_TIMEOUT_MS} ms; quitting anyway`)
        resolve()
      }, CLOSE_TIMEOUT_MS)
    })
    try {
      await Promise.race([workbench.close(), timeout])
    } catch (err) {
      console.error(`workbench: error while closing: ${messageOf(err)}`)
    } finally {
      clearTimeout(timer)
    }
    workbench = null
  }
  shutdownState = 'closed'
  app.quit()
}

// Before `ready`: every renderer sandboxed, and Chromium's profile (and the single-instance
// lock) in the Workbench's data folder, so two copies never open the same database.
app.enableSandbox()
app.setName(WINDOW_TITLE)
app.setPath('userData', resolveDataLocation().dataDir)

if (!app.requestSingleInstanceLock()) {
  // Another window already owns this data folder; it comes to the front (second-instance).
  app.quit()
} else {
  installAppSecurity(app, page)
  app.on('second-instance', () => {
    if (!mainWindow && workbench) openWindow()
    focusWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (workbench && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('before-quit', (event) => {
    if (shutdownState === 'closed') return
    event.preventDefault()
    if (shutdownState === 'running') void shutdown()
  })
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal(messageOf(err)))
}
