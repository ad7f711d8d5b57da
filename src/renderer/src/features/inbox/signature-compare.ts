/**
 * What the Signature panel (Inbox) and the Verify result say under "Received" and
 * "Computed", from one place so the two screens agree: which secret the computed digest
 * is for, and how the received value relates to it. The relation compares digests, not
 * characters: "sha256=<the right hex>" is the same digest in another encoding, never
 * "entirely different digests".
 */
import type { SignatureVerdict } from '../../../../shared/models'
import { withReadableTimes } from '../../../../shared/readable-times'
import { differingCount, unrelatedDigests } from './signature-diff'

export type Comparison =
  /** The received value is exactly the computed signature. */
  | { kind: 'identical'; text: string }
  /** Decoded, the received value is the computed digest: only its encoding is wrong. */
  | { kind: 'same-digest'; text: string }
  /** A few characters differ: worth marking. */
  | { kind: 'near'; text: string }
  /** Nothing in common: marking every character would say nothing. */
  | { kind: 'unrelated'; text: string }

type Encoding = NonNullable<SignatureVerdict['receivedDigest']>['encoding']

/** "a "sha256=" prefix", "upper-case hex", "base64": what sets the received value apart. */
function encodingWords(encoding: Encoding, received: string): string {
  switch (encoding) {
    case 'prefixed': {
      const prefix = /^\s*([^=\s]{1,32}=)/.exec(received)?.[1]
      return prefix ? `a "${prefix}" prefix` : 'a prefix'
    }
    case 'upper-hex':
      return 'upper-case hex'
    case 'base64':
      return 'base64'
    default:
      return 'lowercase hex'
  }
}

/** How the received value relates to the computed one; null when there is nothing to compare. */
export function compareSignatures(verdict: SignatureVerdict): Comparison | null {
  const { received, expected, receivedDigest } = verdict
  if (received === null || expected === null || verdict.status === 'missing') return null
  if (verdict.status === 'valid' || received.trim() === expected) return { kind: 'identical', text: 'Identical: the received value is the computed signature.' }
  if (receivedDigest && receivedDigest.hex === expected) {
    return {
      kind: 'same-digest',
      text:
        receivedDigest.encoding === 'prefixed'
          ? `Same digest, different encoding: the received value is the computed digest behind ${encodingWords('prefixed', received)}.`
          : `Same digest, different encoding: the received value is the computed digest in ${encodingWords(receivedDigest.encoding, received)}.`
    }
  }
  // Decoded when it can be, so a prefix or base64 does not by itself make every character differ.
  const digest = receivedDigest?.hex ?? received
  const decoded = receivedDigest ? ` (after reading past ${encodingWords(receivedDigest.encoding, received)})` : ''
  if (unrelatedDigests(digest, expected)) {
    return {
      kind: 'unrelated',
      text: `Entirely different digests${decoded}: different bytes or a different secret (the reason above says which, when it can tell).`
    }
  }
  return { kind: 'near', text: `${differingCount(received, expected)} characters differ (marked).` }
}

/** Which secret the computed digest is for ("previous API secret (rotated <local time>)"), when known. */
export function expectedSecretName(verdict: SignatureVerdict, formatTime: (iso: string) => string): string | null {
  const secret = verdict.expectedSecret ?? (verdict.status === 'valid' ? verdict.matchedSecret : null)
  return secret ? withLocalTimes(secret, formatTime) : null
}

/** "Computed with API secret": the label over the computed digest. */
export function computedWith(verdict: SignatureVerdict, formatTime: (iso: string) => string): string {
  const secret = expectedSecretName(verdict, formatTime)
  return secret ? `Computed with ${secret}` : 'Computed'
}

/**
 * `text` with every ISO time in it shown like the rest of the UI's times. Secret labels and
 * the diagnoses that quote them carry the rotation time as ISO, and are stored with each
 * capture in that form, so the view formats them where it shows them.
 */
export function withLocalTimes(text: string, formatTime: (iso: string) => string): string {
  return withReadableTimes(text, formatTime)
}
