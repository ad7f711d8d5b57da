/**
 * The digest a received signature value carries, whatever its encoding: "sha256=<hex>",
 * upper-case hex and base64 all name 32 bytes. The signature panel compares that digest,
 * not the characters, so a header that only differs in encoding is shown as "same digest,
 * different encoding" instead of "entirely different digests".
 */

/** How the received value encodes its digest, when it is not the canonical lowercase hex. */
export type DigestEncoding = 'hex' | 'prefixed' | 'upper-hex' | 'base64'

export interface ReceivedDigest {
  /** The 32-byte digest as lowercase hex, comparable with `expected`. */
  hex: string
  /** The outermost difference from Smart KYC's form (a prefix wins over what follows it). */
  encoding: DigestEncoding
}

/** More "name=" prefixes than this and the value is not read as a digest: bounded work for any header. */
const MAX_PREFIXES = 4
/** A digest in any of these forms is under 100 characters; longer values are not looked at. */
const MAX_VALUE_LENGTH = 256

const PREFIX = /^[A-Za-z0-9._-]{1,32}=(?=[^=])/
const BASE64_32 = /^[A-Za-z0-9+/_-]{43}=?$/

/** The digest in `value` (trimmed header value), or null when it is not a 32-byte digest. */
export function receivedDigest(value: string): ReceivedDigest | null {
  if (value.length > MAX_VALUE_LENGTH) return null
  let rest = value.trim()
  let prefixed = false
  for (let i = 0; i <= MAX_PREFIXES; i++) {
    const m = PREFIX.exec(rest)
    if (!m) break
    if (i === MAX_PREFIXES) return null
    rest = rest.slice(m[0].length).trim()
    prefixed = true
  }
  let hex: string | null = null
  let encoding: DigestEncoding = 'hex'
  if (/^[0-9a-f]{64}$/.test(rest)) hex = rest
  else if (/^[0-9a-fA-F]{64}$/.test(rest)) {
    hex = rest.toLowerCase()
    encoding = 'upper-hex'
  } else if (BASE64_32.test(rest)) {
    const bytes = Buffer.from(rest.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (bytes.length === 32) {
      hex = bytes.toString('hex')
      encoding = 'base64'
    }
  }
  if (hex === null) return null
  return { hex, encoding: prefixed ? 'prefixed' : encoding }
}
