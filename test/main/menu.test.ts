import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

const electron = vi.hoisted(() => ({
  built: [] as unknown[],
  installed: [] as unknown[]
}))
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: unknown) => {
      electron.built.push(template)
      return { template }
    },
    setApplicationMenu: (menu: unknown) => electron.installed.push(menu)
  }
}))

const { buildMenuTemplate, installMenu } = await import('../../src/main/menu')

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])
}

function setup(platform: NodeJS.Platform, isDev: boolean) {
  const calls: string[] = []
  const template = buildMenuTemplate({
    platform,
    isDev,
    appName: 'Smart KYC Webhook Workbench',
    actions: {
      navigate: (screen) => calls.push(`navigate:${screen}`),
      showDataFolder: () => calls.push('data'),
      showCaCertificate: () => calls.push('ca')
    }
  })
  return { template, items: flatten(template), calls }
}

function click(item: MenuItemConstructorOptions): void {
  ;(item.click as () => void)()
}

describe('buildMenuTemplate', () => {
  it('maps Ctrl/Cmd+1..9 and 0 to the ten screens in sidebar order', () => {
    const { items, calls } = setup('linux', false)
    const shortcuts = items.filter((i) => /^CmdOrCtrl\+[0-9]$/.test(String(i.accelerator)))
    expect(shortcuts.map((i) => i.accelerator)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map((n) => `CmdOrCtrl+${n}`))
    shortcuts.forEach(click)
    expect(calls).toEqual(['inbox', 'listeners', 'compose', 'endpoints', 'deliveries', 'platform', 'scenarios', 'audit', 'verify', 'settings'].map((s) => `navigate:${s}`))
  })

  it('has the standard edit roles and zoom, and the top-level menus in order', () => {
    const { template, items } = setup('linux', false)
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
    const roles = items.map((i) => i.role).filter(Boolean)
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'quit', 'minimize']) {
      expect(roles).toContain(role)
    }
  })

  it('offers reload and devtools only in development', () => {
    const prod = setup('linux', false).items.map((i) => i.role)
    expect(prod).not.toContain('reload')
    expect(prod).not.toContain('forceReload')
    expect(prod).not.toContain('toggleDevTools')
    const dev = setup('linux', true).items.map((i) => i.role)
    expect(dev).toContain('reload')
    expect(dev).toContain('toggleDevTools')
  })

  it('adds the app menu on macOS', () => {
    const { template, items, calls } = setup('darwin', false)
    expect(template[0].label).toBe('Smart KYC Webhook Workbench')
    expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'close', 'front']))
    click(items.find((i) => i.accelerator === 'Cmd+,')!)
    expect(calls).toEqual(['navigate:settings'])
  })

  it('wires the data folder and CA certificate items', () => {
    const { items, calls } = setup('win32', false)
    click(items.find((i) => i.label === 'Show Data Folder')!)
    click(items.find((i) => i.label === 'Show Local CA Certificate')!)
    expect(calls).toEqual(['data', 'ca'])
  })
})

describe('installMenu', () => {
  it('installs the built menu as the application menu', () => {
    installMenu({
      platform: 'linux',
      isDev: false,
      appName: 'x',
      actions: { navigate: () => {}, showDataFolder: () => {}, showCaCertificate: () => {} }
    })
    expect(electron.built).toHaveLength(1)
    expect(electron.installed).toEqual([{ template: electron.built[0] }])
  })
})
