/**
 * Turns what went wrong in one delivery attempt into words a developer can act on. The
 * raw error codes (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, UND_ERR_...) stay at the
 * end in brackets so they can still be searched for.
 */
import { STATUS_CODES } from 'node:http'

interface ErrorLike {
  code?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown
}

/** The most specific error code in an error, its causes or (happy-eyeballs) aggregate parts. */
function findCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined
  const e = err as ErrorLike
  const own = typeof e.code === 'string' ? e.code : undefined
  if (own && !own.startsWith('UND_ERR')) return own
  // undici wraps socket and TLS errors; the code underneath says more than its own.
  const parts = Array.isArray(e.errors) ? (e.errors as unknown[]) : []
  const inner = parts.map((part) => findCode(part, depth + 1)).find((code) => code !== undefined)
  return inner ?? findCode(e.cause, depth + 1) ?? own
}

function messageOf(err: unknown): string {
  if (err && typeof err === 'object' && typeof (err as ErrorLike).message === 'string') return (err as ErrorLike).message as string
  return String(err)
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED'
])

/** Where the attempt went, as host:port, for messages. */
export function hostPortOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.hostname}:${port}`
}

/**
 * Words for an attempt that got no HTTP answer: connection refused, DNS, TLS, reset,
 * timeout (`timedOut` says our own timer fired, whatever error that surfaced as).
 */
export function describeNetworkError(err: unknown, target: URL, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timeout: no response within ${timeoutMs} ms from ${hostPortOf(target)}`
  const code = findCode(err) ?? ''
  const raw = messageOf(err)
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing listens on ${hostPortOf(target)} [ECONNREFUSED]`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `DNS: host ${target.hostname} not found: check the URL's host name or your network [${code}]`
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `connection reset: ${hostPortOf(target)} closed the connection before answering [${code}]`
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `timeout: could not connect to ${hostPortOf(target)} within ${timeoutMs} ms [${code}]`
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `timeout: no response within ${timeoutMs} ms from ${hostPortOf(target)} [${code}]`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `network unreachable: no route to ${hostPortOf(target)} [${code}]`
    case 'CERT_HAS_EXPIRED':
      return `TLS: the certificate of ${target.hostname} has expired: renew it, or enable insecure TLS for this endpoint [${code}]`
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS: the certificate does not cover ${target.hostname}: use a host name the certificate names, or enable insecure TLS for this endpoint [${code}]`
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `TLS: handshake with ${hostPortOf(target)} failed (does it speak plain HTTP? then use http:// with the localhost exception) [${code}]`
  }
  if (UNTRUSTED.has(code)) {
    return `TLS: certificate not trusted (self-signed?): trust the local CA or enable insecure TLS for this endpoint [${code}]`
  }
  if (/wrong version number|ssl3_get_record|packet length too long/i.test(raw)) {
    return `TLS: handshake with ${hostPortOf(target)} failed (does it speak plain HTTP? then use http:// with the localhost exception)`
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /certificate|ssl|tls/i.test(raw)) {
    return `TLS: ${raw}${code ? ` [${code}]` : ''}`
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') {
    return `invalid request: ${raw}: the request could not be built from these headers; edit them and retry`
  }
  return code ? `${raw} [${code}]` : raw
}

/** Words for an HTTP answer that is not a 2xx. */
export function describeStatus(status: number, location: string | null): string {
  const reason = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''
  if (status >= 300 && status < 400) {
    return (
      `HTTP ${status}${reason}: redirect${location ? ` to ${location}` : ''} not followed (Smart KYC does not follow ` +
      'redirects): point the endpoint at the final URL'
    )
  }
  return `HTTP ${status}${reason}: not 2xx, so the delivery counts as failed`
}
