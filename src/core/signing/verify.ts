/**
 * Verifies X-SmartKYC-Signature over the exact body bytes. This is on the receiver's hot
 * path: one HMAC per secret and constant-time comparisons; diagnosis only on failure.
 */
import type { Diagnosis, SignatureVerdict } from '../../shared/models'
import { messageOf } from '../../shared/errors'
import { diagnose, type VerifyContext } from './diagnose'
import { sameBytes, sign, type LabeledSecret } from './hmac'
import { receivedDigest } from './received-digest'

/**
 * The verdict keeps at most this much of the received header: a valid one is 64 characters,
 * and the full value stays in the request's headers, so no header can make a verdict large.
 */
export const MAX_RECEIVED_CHARS = 1024

/**
 * The verdict for `header` over `body`: `missing` without a header, `valid` when it equals
 * the lowercase hex HMAC-SHA256 with any of `secrets` (matchedSecret names which), else
 * `invalid` with a diagnosis of why. `expected` is the signature with the secret that
 * matched (also when only the received encoding differs), else with the first secret;
 * `expectedSecret` names it, so a view never shows one secret's digest under another's name.
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
    const first = secrets.length ? { expected: sign(body, secrets[0].secret), expectedSecret: secrets[0].label } : { expected: null, expectedSecret: null }
    return { status: 'missing', received: null, ...first, matchedSecret: null, diagnosis: null }
  }
  const received = Buffer.from(value, 'utf8')
  const digests: string[] = []
  let matched = -1
  // Every secret is hashed and compared, matched or not, so the time taken does not depend
  // on which secret (if any) matched.
  for (let i = 0; i < secrets.length; i++) {
    const hex = sign(body, secrets[i].secret)
    digests.push(hex)
    if (sameBytes(received, Buffer.from(hex, 'utf8')) && matched === -1) matched = i
  }
  if (matched !== -1) {
    const label = secrets[matched].label
    return { status: 'valid', received: header as string, expected: digests[matched], expectedSecret: label, matchedSecret: label, diagnosis: null }
  }
  // Only a failed check gets here: read the digest out of a near-miss encoding, so the
  // view compares like with like and shows the digest of the secret it does match.
  const carried = receivedDigest(value)
  const near = carried && carried.encoding !== 'hex' ? carried : null
  const same = near ? digests.indexOf(near.hex) : -1
  const shown = same === -1 ? 0 : same
  return {
    status: 'invalid',
    received: clipReceived(header as string),
    expected: digests[shown] ?? null,
    expectedSecret: secrets[shown]?.label ?? null,
    matchedSecret: null,
    diagnosis: null,
    receivedDigest: near
  }
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
