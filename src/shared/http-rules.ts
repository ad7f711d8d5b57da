/**
 * HTTP rules every face of the Workbench applies (engine, CLI, forms), declared once so
 * the copies cannot drift: what a header name may be, which custom headers the sender
 * refuses because it sets them itself, and which hosts only this machine can reach.
 * No node:* imports: the renderer uses these too.
 */

/** RFC 9110 token: the characters a header name (or a method) may use. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** True when `name` is a valid HTTP header name (an RFC 9110 token). */
export function isHttpToken(name: string): boolean {
  return HTTP_TOKEN.test(name)
}

/**
 * Header names the sender sets itself on every delivery, with why; a custom header may not
 * replace them (the receiver verifies these).
 */
export const RESERVED_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'the sender always sends Content-Type: application/json, like Smart KYC',
  'x-smartkyc-signature':
    'the sender computes the signature over the exact body; to send another one, replay a capture as-is or sign with another secret',
  'content-length': 'the HTTP client computes it from the body'
}

/** Why the sender refuses `name` as a custom header because it sets it itself, or null. */
export function reservedHeaderReason(name: string): string | null {
  const lower = name.toLowerCase()
  return Object.prototype.hasOwnProperty.call(RESERVED_HEADERS, lower) ? RESERVED_HEADERS[lower] : null
}

/**
 * True when `hostname` (as `URL.hostname` spells it) can only mean this machine: the hosts
 * "allow http:// for localhost" covers. A trailing dot is the same name (`localhost.`).
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  // The WHATWG parser already normalises 127.1, 0x7f.1 etc. to dotted decimal.
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true
  if (host === '[::1]') return true
  // IPv4-mapped loopback, which the parser writes in hex: [::ffff:7f00:1].
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
}
