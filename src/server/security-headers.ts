/**
 * Headers that keep the served UI in its box. The CSP allows only our own scripts (Monaco's
 * workers come from blob: URLs, its widgets set inline styles), our own API and socket, and
 * no framing: captured data is hostile and must never become script.
 */
import type { ServerResponse } from 'node:http'
import { contentSecurityPolicy } from '../shared/content-security-policy'

/** Headers every answer carries, data or not. */
export function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

/** Extra headers for HTML documents. */
export function setDocumentHeaders(res: ServerResponse, authority: string): void {
  // The event socket is ws:// on this server's own authority (`127.0.0.1:4000`).
  res.setHeader('Content-Security-Policy', contentSecurityPolicy({ connect: [`ws://${authority}`] }))
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cache-Control', 'no-store')
}
