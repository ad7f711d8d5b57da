/**
 * Hash routes, as pure functions: `#/inbox/<captureId>`, `#/compose?endpoint=<id>`, ...
 * Kept free of React and the DOM so they are unit-tested in Node.
 */

import { SCREEN_NAMES, type ScreenName } from '../../../shared/bridge'

export { SCREEN_NAMES, type ScreenName }

export interface Route {
  screen: ScreenName
  /** The path segment after the screen, e.g. a capture id; decoded; null when absent. */
  param: string | null
  /** The query after `?` inside the hash. */
  query: Record<string, string>
}

export const DEFAULT_SCREEN: ScreenName = 'inbox'

function isScreen(value: string): value is ScreenName {
  return (SCREEN_NAMES as readonly string[]).includes(value)
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Parses `location.hash`; anything unknown lands on the inbox. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '')
  const [pathPart, queryPart = ''] = raw.split('?', 2)
  const segments = pathPart.split('/').filter(Boolean)
  const first = segments[0] ?? ''
  const screen = isScreen(first) ? first : DEFAULT_SCREEN
  const param = isScreen(first) && segments[1] ? safeDecode(segments[1]) : null
  const query: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(queryPart)) query[k] = v
  return { screen, param, query }
}

/** Builds a hash (with the leading `#`) for a screen, an optional id and query. */
export function buildHash(screen: ScreenName, param?: string | null, query?: Record<string, string>): string {
  let h = `#/${screen}`
  if (param) h += `/${encodeURIComponent(param)}`
  const q = query ? new URLSearchParams(query).toString() : ''
  if (q) h += `?${q}`
  return h
}
