/**
 * The native menu: the usual app/File/Edit/View/Window/Help with their standard roles,
 * Ctrl/Cmd+1..8 to switch screens (sent to the page as a navigate event), and developer
 * items (reload, devtools) only in development.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import { SCREEN_NAMES, screenShortcutDigit, type ScreenName } from '../shared/bridge'

/** What the menu items do beyond Electron's built-in roles. */
export interface MenuActions {
  navigate(screen: ScreenName): void
  showDataFolder(): void
  showCaCertificate(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  isDev: boolean
  appName: string
  actions: MenuActions
}

const SCREEN_LABELS: Record<ScreenName, string> = {
  inbox: 'Inbox',
  listeners: 'Listeners',
  compose: 'Compose && Send',
  endpoints: 'Endpoints',
  deliveries: 'Deliveries',
  platform: 'Mock Platform',
  audit: 'Check a Handler',
  scenarios: 'Scenarios',
  verify: 'Verify Signature',
  settings: 'Settings'
}

/** The menu as data; Menu.buildFromTemplate turns it into the native menu. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, isDev, appName, actions } = options
  const isMac = platform === 'darwin'

  const screens: MenuItemConstructorOptions[] = SCREEN_NAMES.map((screen, i) => ({
    label: SCREEN_LABELS[screen],
    accelerator: `CmdOrCtrl+${screenShortcutDigit(i)}`,
    click: () => actions.navigate(screen)
  }))

  const developer: MenuItemConstructorOptions[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : []

  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'Cmd+,', click: () => actions.navigate('settings') },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    })
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Show Data Folder', click: () => actions.showDataFolder() },
        { label: 'Show Local CA Certificate', click: () => actions.showCaCertificate() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' }
      ]
    },
    {
      label: '&View',
      submenu: [
        ...screens,
        { type: 'separator' },
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    {
      label: '&Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }]
    },
    {
      role: 'help',
      label: '&Help',
      submenu: [
        { label: 'Show Data Folder', click: () => actions.showDataFolder() },
        { label: 'Show Local CA Certificate', click: () => actions.showCaCertificate() },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const])
      ]
    }
  )
  return template
}

/** Builds and installs the application menu. */
export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
