/**
 * Hash routes, as pure functions: `#/inbox/<captureId>`, `#/compose?endpoint=<id>`, ...
 * Kept free of React and the DOM so they are unit-tested in Node.
 */

export const SCREEN_IDS = ['inbox', 'listeners', 'compose', 'endpoints', 'deliveries', 'verify', 'settings', 'audit'] as const
export type ScreenId = (typeof SCREEN_IDS)[number]

export interface Route {
  screen: ScreenId
  /** The path segment after the screen, e.g. a capture id; decoded; null when absent. */
  param: string | null
  /** The query after `?` inside the hash. */
  query: Record<string, string>
}

export const DEFAULT_SCREEN: ScreenId = 'inbox'

function isScreen(value: string): value is ScreenId {
  return (SCREEN_IDS as readonly string[]).includes(value)
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
export function buildHash(screen: ScreenId, param?: string | null, query?: Record<string, string>): string {
  let h = `#/${screen}`
  if (param) h += `/${encodeURIComponent(param)}`
  const q = query ? new URLSearchParams(query).toString() : ''
  if (q) h += `?${q}`
  return h
}
