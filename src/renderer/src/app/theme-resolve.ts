/**
 * The concrete theme for a preference, kept apart from the DOM code so it is unit-tested.
 */
export type ThemePreference = 'system' | 'dark' | 'light'

export function resolveTheme(pref: ThemePreference, prefersDark: boolean): 'dark' | 'light' {
  if (pref === 'system') return prefersDark ? 'dark' : 'light'
  return pref
}
