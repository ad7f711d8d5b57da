/**
 * Verifies X-SmartKYC-Signature over the exact body bytes. This is on the receiver's hot
 * path: one HMAC per secret and constant-time comparisons; diagnosis only on failure.
 */
import type { Diagnosis, SignatureVerdict } from '../../shared/models'
import { messageOf } from '../../shared/errors'
import { diagnose, type VerifyContext } from './diagnose'
import { sameBytes, sign, type LabeledSecret } from './hmac'

/**
 * The verdict keeps at most this much of the received header: a valid one is 64 characters,
 * and the full value stays in the request's headers, so no header can make a verdict large.
 */
export const MAX_RECEIVED_CHARS = 1024

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
  const verdict = checkSignature(body, header, secrets)
  if (verdict.status !== 'invalid') return verdict
  return { ...verdict, diagnosis: safeDiagnose(body, header, secrets, context) }
}

/**
 * The verdict without the diagnosis: the HMACs and comparisons only, cheap enough for every
 * request. An `invalid` verdict has `diagnosis: null`; the receiver explains it later.
 */
export function checkSignature(body: Uint8Array, header: string | null | undefined, secrets: readonly LabeledSecret[]): SignatureVerdict {
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
  return { status: 'invalid', received: clipReceived(header as string), expected, matchedSecret: null, diagnosis: null }
}

/** diagnose(), but a failure inside it becomes a diagnosis that names it instead of an exception. */
export function safeDiagnose(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: readonly LabeledSecret[],
  context?: VerifyContext
): Diagnosis {
  try {
    return diagnose(body, header, secrets, context)
  } catch (err) {
    return diagnosisFailed(err)
  }
}

/** The diagnosis recorded when working out why a signature failed itself failed. */
export function diagnosisFailed(err: unknown): Diagnosis {
  return {
    code: 'diagnosis-failed',
    message: `The signature does not match, and explaining why failed: ${messageOf(err).slice(0, 300)}`,
    hint: 'Check the header by hand: Smart KYC sends the 64 lowercase hex characters of the HMAC-SHA256 of the raw body, keyed with the API Secret.'
  }
}

function clipReceived(header: string): string {
  if (header.length <= MAX_RECEIVED_CHARS) return header
  return `${header.slice(0, MAX_RECEIVED_CHARS)}… (${header.length - MAX_RECEIVED_CHARS} more characters)`
}
