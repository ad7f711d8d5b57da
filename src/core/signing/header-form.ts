/**
 * What a received signature header looks like, before anyone compares it: the canonical
 * lowercase hex, a near miss (upper case, base64, a "sha256=" prefix, another hash length),
 * or something that is not a digest at all. Diagnosis starts here.
 */
import type { HmacAlgorithm } from './hmac'

export type HeaderForm =
  | { kind: 'hex'; digest: Buffer }
  | { kind: 'upper-hex'; digest: Buffer }
  | { kind: 'base64'; digest: Buffer }
  | { kind: 'other-length-hex'; digest: Buffer; algorithm: HmacAlgorithm; length: number }
  | { kind: 'prefixed'; prefix: string; rest: string }
  | { kind: 'malformed'; length: number; nonHex: number }

/** Hex lengths of the other HMACs people reach for by mistake. */
const OTHER_HEX_LENGTHS: Record<number, HmacAlgorithm> = { 40: 'sha1', 96: 'sha384', 128: 'sha512' }

// `sha256=…`, `v1=…`, `hmac-sha256=…`. The rest must not start with `=` so base64 padding
// ("…==") is not mistaken for a prefix.
const PREFIXED = /^([A-Za-z0-9._-]{1,32})=([^=][\s\S]*)$/
// Standard and URL-safe base64 of 32 bytes: 43 characters, then one `=` when padded.
const BASE64_32 = /^[A-Za-z0-9+/_-]{43}=?$/

/** Classifies a trimmed, non-empty header value. */
export function headerForm(value: string): HeaderForm {
  if (/^[0-9a-f]{64}$/.test(value)) return { kind: 'hex', digest: Buffer.from(value, 'hex') }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: 'upper-hex', digest: Buffer.from(value, 'hex') }
  const prefixed = PREFIXED.exec(value)
  if (prefixed) return { kind: 'prefixed', prefix: prefixed[1], rest: prefixed[2].trim() }
  if (BASE64_32.test(value)) {
    const digest = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (digest.length === 32) return { kind: 'base64', digest }
  }
  const algorithm = OTHER_HEX_LENGTHS[value.length]
  if (algorithm && /^[0-9a-fA-F]+$/.test(value)) {
    return { kind: 'other-length-hex', digest: Buffer.from(value, 'hex'), algorithm, length: value.length }
  }
  return { kind: 'malformed', length: value.length, nonHex: value.replace(/[0-9a-fA-F]/g, '').length }
}
