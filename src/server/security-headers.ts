/**
 * Headers that keep the served UI in its box. The CSP allows only our own scripts (Monaco's
 * workers come from blob: URLs, its widgets set inline styles), our own API and socket, and
 * no framing: captured data is hostile and must never become script.
 */
import type { ServerResponse } from 'node:http'

/** The Content-Security-Policy for the UI served at `authority` (`127.0.0.1:4000`). */
export function contentSecurityPolicy(authority: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ws://${authority}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Headers every answer carries, data or not. */
export function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

/** Extra headers for HTML documents. */
export function setDocumentHeaders(res: ServerResponse, authority: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(authority))
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cache-Control', 'no-store')
}
