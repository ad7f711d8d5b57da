/**
 * Why a signature did not verify, in words: what happened and what to do. Runs only after
 * verification failed (never on the hot path), so it can afford to try every near miss:
 * the header's format, rotated secrets, the API key, a secret with whitespace, and the body
 * variants a sender or a framework typically produce.
 */
import type { Diagnosis } from '../../shared/models'
import { BODY_VARIANTS, bodyView } from './body-variants'
import { headerForm, type HeaderForm } from './header-form'
import { hmac, sameBytes, type HmacAlgorithm, type LabeledSecret } from './hmac'
import { SECRET_VARIANTS } from './secret-variants'

/** What else the verifier knows, to explain a mismatch. */
export type VerifyContext = {
  /** The API key: a sender that keys the HMAC with it instead of the secret is a common mistake. */
  apiKey?: string | null
  /** Secrets rotated out and past their grace period. */
  expiredSecrets?: LabeledSecret[]
}

/** Bodies above this size skip the re-serialisation variants: each one re-hashes the whole body. */
export const MAX_VARIANT_BODY_BYTES = 2 * 1024 * 1024

const FORMAT_HINT = 'Send the lowercase hex HMAC-SHA256 of the raw body, keyed with the API Secret: exactly 64 characters 0-9 a-f.'

/** The first secret whose HMAC of `body` equals `digest`, by label. */
function findMatch(body: Uint8Array | string, digest: Buffer, secrets: readonly LabeledSecret[], algorithm: HmacAlgorithm = 'sha256'): string | null {
  for (const s of secrets) {
    if (sameBytes(hmac(body, s.secret, algorithm), digest)) return s.label
  }
  return null
}

function quote(labels: readonly LabeledSecret[]): string {
  return labels.map((s) => `"${s.label}"`).join(', ')
}

/**
 * The reason `header` does not verify `body` with any of `secrets`. Called on a header that
 * does verify, it says so (code `matches`).
 */
export function diagnose(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: readonly LabeledSecret[],
  context: VerifyContext = {}
): Diagnosis {
  const value = typeof header === 'string' ? header.trim() : ''
  if (value === '') {
    return {
      code: 'missing-header',
      message: 'The request has no X-SmartKYC-Signature header (or it is empty), so nothing proves who sent it.',
      hint: 'Smart KYC signs every webhook: the sender must add X-SmartKYC-Signature with the lowercase hex HMAC-SHA256 of the body, keyed with the API Secret. Never trust an unsigned request.'
    }
  }
  if (secrets.length === 0) {
    return {
      code: 'no-secret',
      message: 'There is no secret to verify with: no API credentials exist and no secret was given.',
      hint: 'Create API credentials (Settings), add a secret to the listener, or paste the secret the sender uses.'
    }
  }
  return diagnoseValue(Buffer.from(body.buffer, body.byteOffset, body.byteLength), value, secrets, context)
}

function diagnoseValue(body: Buffer, value: string, secrets: readonly LabeledSecret[], context: VerifyContext): Diagnosis {
  const form = headerForm(value)
  switch (form.kind) {
    case 'prefixed':
      return prefixed(form.prefix, diagnoseValue(body, form.rest, secrets, context))
    case 'malformed':
      return {
        code: 'malformed-signature',
        message:
          `The signature is ${form.length} characters long` +
          (form.nonHex > 0 ? `, ${form.nonHex} of them not hex digits` : '') +
          ': Smart KYC sends 64 lowercase hex characters (HMAC-SHA256).',
        hint: FORMAT_HINT
      }
    case 'other-length-hex': {
      const name = form.algorithm.toUpperCase().replace('SHA', 'SHA-')
      const label = findMatch(body, form.digest, secrets, form.algorithm)
      if (label) {
        return {
          code: 'wrong-algorithm',
          message: `The signature is ${form.length} hex characters: it is HMAC-${name} of the body with the secret "${label}", not HMAC-SHA256.`,
          hint: 'Compute the HMAC with SHA-256: createHmac("sha256", secret).update(rawBody).digest("hex").'
        }
      }
      return {
        code: 'malformed-signature',
        message: `The signature is ${form.length} hex characters, the length of an HMAC-${name}: Smart KYC sends 64 (HMAC-SHA256).`,
        hint: FORMAT_HINT
      }
    }
    default:
      return digestDiagnosis(body, form, secrets, context)
  }
}

function prefixed(prefix: string, inner: Diagnosis): Diagnosis {
  const drop = `Send only the 64 lowercase hex characters, without "${prefix}=".`
  if (inner.code === 'matches') {
    return {
      code: 'prefixed-signature',
      message: `The signature starts with "${prefix}=": without that prefix, it matches. ${inner.message}`,
      hint: `${drop} Smart KYC does not prefix the digest (GitHub-style "sha256=" signatures differ).`
    }
  }
  return {
    code: 'prefixed-signature',
    message: `The signature starts with "${prefix}=", and even without that prefix it does not match: ${inner.message}`,
    hint: `${drop} Then: ${inner.hint}`
  }
}

type DigestForm = Extract<HeaderForm, { kind: 'hex' | 'upper-hex' | 'base64' }>

function digestDiagnosis(body: Buffer, form: DigestForm, secrets: readonly LabeledSecret[], context: VerifyContext): Diagnosis {
  const label = findMatch(body, form.digest, secrets)
  if (label && form.kind === 'upper-hex') {
    return {
      code: 'uppercase-hex',
      message: `The signature is upper-case hex; lower-cased, it matches the secret "${label}".`,
      hint: 'Smart KYC sends lowercase hex: use digest("hex") as is in the sender, and compare the exact string when verifying.'
    }
  }
  if (label && form.kind === 'base64') {
    return {
      code: 'base64-signature',
      message: `The signature is base64, not hex; decoded, it matches the secret "${label}".`,
      hint: 'Encode the HMAC as lowercase hex: digest("hex"), not digest("base64").'
    }
  }
  if (label) {
    return { code: 'matches', message: `The signature matches the secret "${label}".`, hint: 'Nothing to fix.' }
  }
  const found = explainMismatch(body, form.digest, secrets, context)
  const also =
    form.kind === 'upper-hex'
      ? ' Also, the signature is upper-case hex; Smart KYC sends lowercase.'
      : form.kind === 'base64'
        ? ' Also, the signature is base64; Smart KYC sends lowercase hex.'
        : ''
  return { ...found, message: found.message + also }
}

/** Tries each known near miss in turn; the generic answer when none explains it. */
function explainMismatch(body: Buffer, digest: Buffer, secrets: readonly LabeledSecret[], context: VerifyContext): Diagnosis {
  const expired = findMatch(body, digest, context.expiredSecrets ?? [])
  if (expired) {
    return {
      code: 'rotated-secret',
      message: `It matches "${expired}", a secret that was rotated out and is no longer accepted: the sender still signs with the old secret.`,
      hint: 'Give the sender the current API Secret (rotate again if it was lost).'
    }
  }
  if (context.apiKey && findMatch(body, digest, [{ label: 'API key', secret: context.apiKey }])) {
    return {
      code: 'signed-with-api-key',
      message: 'It is keyed with the API key instead of the API Secret.',
      hint: 'Key the HMAC with the API Secret; the API key only identifies the caller (header or query parameter).'
    }
  }
  for (const variant of SECRET_VARIANTS) {
    for (const s of secrets) {
      const candidate = variant.transform(s.secret)
      if (candidate !== null && findMatch(body, digest, [{ label: s.label, secret: candidate }])) {
        return { code: 'secret-whitespace', message: variant.message(s.label), hint: variant.hint }
      }
    }
  }
  const tooLarge = body.length > MAX_VARIANT_BODY_BYTES
  if (!tooLarge) {
    const view = bodyView(body)
    for (const variant of BODY_VARIANTS) {
      let candidate: string | Buffer | null
      try {
        candidate = variant.transform(view)
      } catch {
        continue // a hostile body may defeat a transform; it just explains nothing
      }
      if (candidate === null || Buffer.from(candidate).equals(body)) continue
      if (findMatch(candidate, digest, secrets)) return { code: variant.code, message: variant.message, hint: variant.hint }
    }
  }
  return {
    code: 'mismatch',
    message:
      `The signature is well-formed but matches none of the secrets (${quote(secrets)}) for these ${body.length} bytes: ` +
      'it was signed with a different secret or the body was changed in transit.' +
      (tooLarge ? ' (Re-serialisation checks were skipped: the body is over 2 MiB.)' : ''),
    hint: 'Check that the sender signs with the current API Secret and hashes exactly the bytes it sends; nothing between the sender and here may rewrite the body.'
  }
}
