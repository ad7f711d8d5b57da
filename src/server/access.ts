/**
 * Who may talk to `kyc-hooks serve`: the holder of the per-run token, through a Host and
 * Origin that name this server. The token stops other local users and web pages; the Host
 * check stops DNS rebinding (a page on evil.example whose name later resolves to 127.0.0.1
 * would send `Host: evil.example:PORT`); the Origin check stops cross-site requests.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto'
import net from 'node:net'

/** 32 random bytes, base64url: safe in a URL, a header and a shell word. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Constant-time token comparison. Both sides are hashed first so the comparison takes the
 * same time whatever the length of the guess (timingSafeEqual needs equal lengths).
 */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  return match ? match[1] : null
}

/** `host:port` as a browser writes it in Host/Origin (IPv6 in brackets, lower case). */
export function hostPort(host: string, port: number): string {
  const h = host.toLowerCase()
  return net.isIPv6(h) ? `[${h}]:${port}` : `${h}:${port}`
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === ''
}

/** Strips brackets and the port: `[::1]:4000` → `::1`, `127.0.0.1:4000` → `127.0.0.1`. */
function hostnameOf(authority: string): string {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']')
    return end > 0 ? authority.slice(1, end) : authority
  }
  const colon = authority.lastIndexOf(':')
  return colon > 0 ? authority.slice(0, colon) : authority
}

export interface HostPolicy {
  /** True when `Host` (an authority, `name:port`) names this server. */
  hostAllowed(hostHeader: string | undefined): boolean
  /** True when there is no Origin (curl, scripts) or it is `http://` + an allowed Host. */
  originAllowed(originHeader: string | undefined): boolean
}

/**
 * Accepts the loopback names with the bound port, and the bound host itself. When bound to
 * a wildcard address (the user asked to expose the UI), any IP literal with the right port
 * is accepted too: a rebinding attack needs a DNS name, never an IP literal.
 */
export function createHostPolicy(boundHost: string, port: number): HostPolicy {
  const allowed = new Set([hostPort('127.0.0.1', port), hostPort('localhost', port), hostPort('::1', port)])
  if (!isWildcard(boundHost)) allowed.add(hostPort(boundHost, port))
  // Browsers leave the port out of Host when it is the scheme's default.
  if (port === 80) for (const a of [...allowed]) allowed.add(a.slice(0, a.lastIndexOf(':')))

  function hostAllowed(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false
    const h = hostHeader.trim().toLowerCase()
    if (allowed.has(h)) return true
    if (isWildcard(boundHost) && h.endsWith(`:${port}`)) return net.isIP(hostnameOf(h)) !== 0
    return false
  }

  function originAllowed(originHeader: string | undefined): boolean {
    if (originHeader === undefined) return true
    let url: URL
    try {
      url = new URL(originHeader)
    } catch {
      return false // includes the opaque origin "null" (sandboxed frames, file://)
    }
    if (url.protocol !== 'http:') return false
    return hostAllowed(url.port ? url.host : `${url.host}:80`)
  }

  return { hostAllowed, originAllowed }
}
