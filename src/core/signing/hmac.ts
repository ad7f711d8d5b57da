/**
 * Smart KYC's signature: X-SmartKYC-Signature is the lowercase hex HMAC-SHA256 of the raw
 * request body bytes, keyed with the API Secret (UTF-8). No timestamp is signed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** A secret to verify with, and the name the UI shows when it matches (never the secret itself). */
export type LabeledSecret = { label: string; secret: string }

export type HmacAlgorithm = 'sha256' | 'sha1' | 'sha384' | 'sha512'

/**
 * Said wherever users verify: a signature without a timestamp proves who sent the bytes,
 * never when, so a captured request can be replayed and still verifies.
 */
export const NO_TIMESTAMP_NOTE =
  'Smart KYC signs no timestamp: a captured request verifies forever, so also reject duplicates (idempotency) rather than trusting the signature alone against replays.'

/** The raw HMAC of `body` (a string is hashed as its UTF-8 bytes). */
export function hmac(body: Uint8Array | string, key: string, algorithm: HmacAlgorithm = 'sha256'): Buffer {
  return createHmac(algorithm, Buffer.from(key, 'utf8')).update(body).digest()
}

/** The X-SmartKYC-Signature value for `body`: lowercase hex HMAC-SHA256 keyed with `secret`. */
export function sign(body: Uint8Array | string, secret: string): string {
  return hmac(body, secret).toString('hex')
}

/** Constant-time equality for two byte strings; different lengths are unequal (length is not secret). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}
