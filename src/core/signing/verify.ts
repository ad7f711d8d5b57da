/**
 * Verifies X-SmartKYC-Signature over the exact body bytes. This is on the receiver's hot
 * path: one HMAC per secret and constant-time comparisons; diagnosis only on failure.
 */
import type { SignatureVerdict } from '../../shared/models'
import { diagnose, type VerifyContext } from './diagnose'
import { sameBytes, sign, type LabeledSecret } from './hmac'

/**
 * The verdict for `header` over `body`: `missing` without a header, `valid` when it equals
 * the lowercase hex HMAC-SHA256 with any of `secrets` (matchedSecret names which), else
 * `invalid` with a diagnosis of why. `expected` is the signature with the first secret.
 */
export function verifySignature(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: readonly LabeledSecret[],
  context?: VerifyContext
): SignatureVerdict {
  // Surrounding whitespace is not part of an HTTP field value (RFC 9110 §5.5); Node strips it
  // from real requests, and a pasted value should be read the same way.
  const value = typeof header === 'string' ? header.trim() : ''
  if (value === '') {
    return { status: 'missing', received: null, expected: secrets.length ? sign(body, secrets[0].secret) : null, matchedSecret: null, diagnosis: null }
  }
  const received = Buffer.from(value, 'utf8')
  let expected: string | null = null
  let matchedSecret: string | null = null
  // Every secret is hashed and compared, matched or not, so the time taken does not depend
  // on which secret (if any) matched.
  for (const s of secrets) {
    const hex = sign(body, s.secret)
    expected ??= hex
    if (sameBytes(received, Buffer.from(hex, 'utf8')) && matchedSecret === null) matchedSecret = s.label
  }
  if (matchedSecret !== null) {
    return { status: 'valid', received: header as string, expected, matchedSecret, diagnosis: null }
  }
  return { status: 'invalid', received: header as string, expected, matchedSecret: null, diagnosis: diagnose(body, value, secrets, context) }
}
