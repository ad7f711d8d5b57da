/**
 * The page's Content-Security-Policy, built in one place for the three places that carry it:
 * the Electron shell's header, `kyc-hooks serve`'s header and the meta tag in
 * src/renderer/index.html (filled in at build time). Only our own scripts run: captured data
 * is hostile and must never become script.
 */

export interface ContentSecurityPolicyOptions {
  /** Sockets the page may open besides 'self': serve's event socket, the dev server's HMR socket. */
  connect?: readonly string[]
  /** Under `electron-vite dev` only: the React refresh preamble is an inline script. */
  inlineScripts?: boolean
  /** A header can carry frame-ancestors; a meta tag cannot (browsers ignore it there and warn). */
  as?: 'header' | 'meta'
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const directives = [
    "default-src 'self'",
    options.inlineScripts ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Monaco starts its workers from blob: URLs.
    "worker-src 'self' blob:",
    // Monaco and React set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...(options.connect ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'"
  ]
  if (options.as !== 'meta') directives.push("frame-ancestors 'none'")
  return directives.join('; ')
}

/**
 * The meta tag's policy. It must serve both the desktop window and `kyc-hooks serve`, whose
 * event socket is ws:// on a port chosen at run time, so it allows loopback sockets on any
 * port; the header each of them sends narrows that to what it needs.
 */
export const META_CONTENT_SECURITY_POLICY = contentSecurityPolicy({ as: 'meta', connect: ['ws://127.0.0.1:*', 'ws://localhost:*'] })
