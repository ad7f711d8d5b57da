/**
 * In the desktop app the native menu's Ctrl/Cmd+1..7 arrive through the bridge as
 * `onNavigate(screen)` (optional: older preloads and the web transport lack it).
 */
import { useEffect } from 'react'
import { navigate } from './router'
import { SCREEN_NAMES, type ScreenName } from './route-parse'

type OnNavigate = (handler: (screen: string) => void) => (() => void) | void

export function useDesktopNavigation(): void {
  useEffect(() => {
    const hook = (window.workbench as unknown as { onNavigate?: OnNavigate } | undefined)?.onNavigate
    if (typeof hook !== 'function') return
    const off = hook((screen) => {
      if ((SCREEN_NAMES as readonly string[]).includes(screen)) navigate(screen as ScreenName)
    })
    return typeof off === 'function' ? off : undefined
  }, [])
}
