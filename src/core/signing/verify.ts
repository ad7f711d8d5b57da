/**
 * Verifies X-SmartKYC-Signature over the exact body bytes. This is on the receiver's hot
 * path: one HMAC per secret and constant-time comparisons; diagnosis only on failure.
 */
import type { SignatureVerdict } from '../../shared/models'
import { diagnose, type VerifyContext } from './diagnose'
import { sameBytes, sign, type LabeledSecret } from './hmac'
import { receivedDigest } from './received-digest'

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
    received: header as string,
    expected: digests[shown] ?? null,
    expectedSecret: secrets[shown]?.label ?? null,
    matchedSecret: null,
    diagnosis: diagnose(body, value, secrets, context),
    receivedDigest: near
  }
}
