/**
 * Rules for the custom headers a user attaches to an endpoint or an ad-hoc target, and
 * the standard header set every delivery starts with. The standard headers are what a
 * receiver verifies, so custom headers may add to them but never replace them.
 */
import { badInput } from '../../shared/errors'
import { isHopByHop } from '../../shared/hop-by-hop'
import { isHttpToken, reservedHeaderReason } from '../../shared/http-rules'
import { SIGNATURE_HEADER, type HeaderPair } from '../../shared/models'
import { USER_AGENT } from '../version'

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

/** Throws a `bad-input` error naming the header when a name or value could not travel as-is. */
export function checkHeaderPair([name, value]: HeaderPair): void {
  if (!isHttpToken(name)) {
    throw badInput(
      `header name ${JSON.stringify(name)} is not a valid HTTP header name: use letters, digits and - (e.g. X-API-Key), no spaces or colons`
    )
  }
  if (/[\r\n]/.test(value)) {
    throw badInput(`header ${name} has a line break in its value: header values must be one line`)
  }
  if (!FIELD_VALUE.test(value)) {
    throw badInput(
      `header ${name} has a character that HTTP headers cannot carry in its value ${JSON.stringify(value)}: ` +
        'use printable ASCII (encode other text, e.g. base64)'
    )
  }
}

/** Validates a user's custom headers: valid tokens and values, nothing reserved or hop-by-hop. */
export function checkCustomHeaders(headers: HeaderPair[]): void {
  for (const pair of headers) {
    checkHeaderPair(pair)
    const lower = pair[0].toLowerCase()
    const why = reservedHeaderReason(lower)
    if (why) throw badInput(`custom header ${pair[0]} cannot be set: ${why}. Remove it from the custom headers`)
    if (isConnectionManaged(lower)) {
      throw badInput(`custom header ${pair[0]} cannot be set: it controls the connection, which the HTTP client manages. Remove it`)
    }
  }
}

/**
 * The headers of a standard delivery, in Smart KYC's order: Content-Type, the signature,
 * User-Agent, then the custom headers. A custom User-Agent takes the standard one's place
 * rather than sending two.
 */
export function standardHeaders(signature: string | null, custom: HeaderPair[]): HeaderPair[] {
  const customAgent = custom.find(([name]) => name.toLowerCase() === 'user-agent')
  const out: HeaderPair[] = [['Content-Type', 'application/json']]
  if (signature !== null) out.push([SIGNATURE_HEADER, signature])
  out.push(customAgent ?? ['User-Agent', USER_AGENT])
  for (const pair of custom) if (pair !== customAgent) out.push(pair)
  return out
}
