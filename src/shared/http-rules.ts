/**
 * HTTP rules every face of the Workbench applies (engine, CLI, forms), declared once so
 * the copies cannot drift: what a header name may be, which custom headers the sender
 * refuses because it sets them itself, and which hosts only this machine can reach.
 * No node:* imports: the renderer uses these too. The *Problem functions return the engine's
 * words (or null), so a form can show exactly what the engine would refuse with.
 */
import { isHopByHop } from './hop-by-hop'

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

// Tab, visible ASCII and obs-text (0x80-0xFF); no CR, LF, NUL or other controls.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/** Not hop-by-hop, but computed per request by the HTTP client: Host from the URL, Content-Length from the body. */
const CLIENT_COMPUTED: ReadonlySet<string> = new Set(['host', 'content-length'])

/**
 * Connection-level headers: the HTTP client manages them (and refuses most of them), so a
 * delivery never carries them from a user or from a captured request.
 */
export function isConnectionManaged(name: string): boolean {
  return isHopByHop(name) || CLIENT_COMPUTED.has(name.toLowerCase())
}

/** Why a header name or value could not travel as-is, in words, or null. */
export function headerPairProblem([name, value]: readonly [string, string]): string | null {
  if (!isHttpToken(name)) {
    return `header name ${JSON.stringify(name)} is not a valid HTTP header name: use letters, digits and - (e.g. X-API-Key), no spaces or colons`
  }
  if (/[\r\n]/.test(value)) return `header ${name} has a line break in its value: header values must be one line`
  if (!FIELD_VALUE.test(value)) {
    return (
      `header ${name} has a character that HTTP headers cannot carry in its value ${JSON.stringify(value)}: ` +
      'use printable ASCII (encode other text, e.g. base64)'
    )
  }
  return null
}

/** Why a listener could not send this reply header, in words, or null. */
export function replyHeaderProblem([name, value]: readonly [string, string]): string | null {
  if (isHttpToken(name) && FIELD_VALUE.test(value)) return null
  return (
    `the reply header ${JSON.stringify(name)}: ${JSON.stringify(value)} cannot be sent over HTTP: ` +
    'use a name of letters, digits and - and a one-line value of printable characters'
  )
}

/** Why a user's custom header is refused (invalid, reserved or connection-level), in words, or null. */
export function customHeaderProblem(pair: readonly [string, string]): string | null {
  const invalid = headerPairProblem(pair)
  if (invalid) return invalid
  const why = reservedHeaderReason(pair[0])
  if (why) return `custom header ${pair[0]} cannot be set: ${why}. Remove it from the custom headers`
  if (isConnectionManaged(pair[0])) {
    return `custom header ${pair[0]} cannot be set: it controls the connection, which the HTTP client manages. Remove it`
  }
  return null
}

/**
 * Why `raw` is not a URL the mock Smart KYC may deliver to, in words, or null. Smart KYC
 * only delivers to HTTPS; the one exception, when asked, is http:// to this machine.
 */
export function targetUrlProblem(raw: string, allowLocalHttp: boolean): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `${raw} is not a valid URL: write it in full, e.g. https://example.com/webhooks/smart-kyc`
  }
  if (url.username || url.password) {
    return (
      `${raw} has a user name or password in it: Smart KYC sends credentials as custom headers; ` +
      'remove them from the URL and add an Authorization header instead'
    )
  }
  if (url.protocol === 'https:') return null
  if (url.protocol !== 'http:') {
    return `${raw} is not an HTTPS URL (${url.protocol.replace(/:$/, '')}): Smart KYC only delivers to HTTPS URLs; use https://`
  }
  if (!allowLocalHttp) {
    return `${raw} is not HTTPS: Smart KYC only delivers to HTTPS URLs; use https:// or, for a local handler, allow http://localhost`
  }
  if (!isLocalHost(url.hostname)) {
    return (
      `${raw} is not HTTPS and ${url.hostname} is not this machine: plain http:// is allowed only for localhost, ` +
      '*.localhost, 127.0.0.0/8 and ::1; use https:// for any other host'
    )
  }
  return null
}
