/**
 * The hash router: `useRoute()` re-renders on `hashchange`; `navigate()` changes the hash.
 */
import { useMemo, useSyncExternalStore } from 'react'
import { buildHash, parseHash, type Route, type ScreenName } from './route-parse'

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const readHash = () => window.location.hash

/** The current route; components re-render only when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeHash, readHash)
  return useMemo(() => parseHash(hash), [hash])
}

/** Goes to a screen (and optional id/query); a history entry is kept so Back works. */
export function navigate(screen: ScreenName, param?: string | null, query?: Record<string, string>): void {
  const next = buildHash(screen, param, query)
  if (window.location.hash !== next) window.location.hash = next
}

export { buildHash }
