/**
 * Theme: the user's preference (system / dark / light) resolved to `data-theme` on <html>,
 * which the CSS variables and the code editor follow. The last preference is cached locally
 * so the first paint already has the right colours, before settings arrive from the engine.
 */
import { useEffect } from 'react'
import { useWorkbench } from '../store'
import { resolveTheme, type ThemePreference } from './theme-resolve'

export { resolveTheme, type ThemePreference }
const CACHE_KEY = 'kyc.theme'

function systemPrefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
}

export function applyTheme(pref: ThemePreference): void {
  const theme = resolveTheme(pref, systemPrefersDark())
  const root = document.documentElement
  root.dataset.theme = theme
  root.style.colorScheme = theme
  try {
    localStorage.setItem(CACHE_KEY, pref)
  } catch {
    // storage may be unavailable; the engine's settings still hold the preference
  }
}

/** Applies the cached preference; call before the first render. */
export function applyCachedTheme(): void {
  let pref: ThemePreference = 'system'
  try {
    const cached = localStorage.getItem(CACHE_KEY)
    if (cached === 'dark' || cached === 'light' || cached === 'system') pref = cached
  } catch {
    // ignore
  }
  applyTheme(pref)
}

/** Keeps <html data-theme> in step with the settings and, for "system", with the OS. */
export function useThemeSync(): void {
  const pref = useWorkbench((s) => s.settings.values?.theme)
  useEffect(() => {
    if (!pref) return
    applyTheme(pref)
    if (pref !== 'system') return
    const media = window.matchMedia?.('(prefers-color-scheme: dark)')
    if (!media) return
    const onChange = () => applyTheme('system')
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
  }, [pref])
}
