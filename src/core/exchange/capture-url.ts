/**
 * The full URL a capture was sent to, for HAR and curl: the scheme and address of its
 * listener, the Host header when it is a plausible host[:port], and the raw path + query.
 * The Host header is captured data (hostile), so it is used only when it is nothing but
 * a host name or address and a port.
 */
import type { Capture } from '../../shared/models'
import type { Db } from '../store/database'

const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::\d{1,5})?$/

/** Used when neither the Host header nor the listener says where the request went. */
export const PLACEHOLDER_HOST = 'localhost'

export interface ListenerAddress {
  protocol: 'https' | 'http'
  host: string
  port: number
}

/** Reads a listener's address (read-only; the receiver owns the table). */
export function createListenerLookup(db: Db): (id: string | null) => ListenerAddress | null {
  const stmt = db.prepare('SELECT protocol, host, port FROM listeners WHERE id = ?')
  return (id) => {
    if (!id) return null
    const row = stmt.get(id) as { protocol: string; host: string; port: number } | undefined
    if (!row) return null
    return { protocol: row.protocol === 'http' ? 'http' : 'https', host: row.host, port: row.port }
  }
}

/** The first value of a header, by case-insensitive name. */
export function headerValue(headers: Capture['headers'], name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1]
}

function hostOfListener(listener: ListenerAddress): string {
  const host = listener.host === '0.0.0.0' || listener.host === '::' ? '127.0.0.1' : listener.host
  const shown = host.includes(':') ? `[${host}]` : host
  return `${shown}:${listener.port}`
}

/** The request target as sent: the raw path (starting with /) and the query, if any. */
export function requestTarget(capture: Pick<Capture, 'path' | 'query'>): string {
  const path = capture.path.startsWith('/') ? capture.path : `/${capture.path}`
  return capture.query ? `${path}?${capture.query}` : path
}

/** scheme://host[:port]/path?query for a capture. */
export function captureUrl(capture: Capture, listener: ListenerAddress | null): string {
  const scheme = listener?.protocol ?? 'https'
  const hostHeader = headerValue(capture.headers, 'host')?.trim()
  const host =
    hostHeader && HOST_PORT.test(hostHeader) ? hostHeader : listener ? hostOfListener(listener) : PLACEHOLDER_HOST
  return `${scheme}://${host}${requestTarget(capture)}`
}
