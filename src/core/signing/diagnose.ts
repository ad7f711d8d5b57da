/**
 * Why a signature did not verify, in words: what happened and what to do. Runs only after
 * verification failed (never on the hot path), so it can afford to try the near misses:
 * the header's format, rotated secrets, the API key, a secret with whitespace, and the body
 * variants a sender or a framework typically produce.
 *
 * Bounded whatever the input (a header is attacker-controlled): at most MAX_PREFIXES
 * prefixes peeled, MAX_HMACS HMACs, DEFAULT_BUDGET_MS of work and MAX_TEXT_CHARS per text.
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
  /** Time the diagnosis may spend computing (ms, its own work only); DEFAULT_BUDGET_MS when omitted. */
  budgetMs?: number
  /** HMACs over the body it may compute; MAX_HMACS when omitted. */
  maxHmacs?: number
  /** Bodies above this size skip the body variants; MAX_VARIANT_BODY_BYTES when omitted. */
  maxVariantBodyBytes?: number
}

/** Bodies above this size skip the re-serialisation variants: each one re-hashes the whole body. */
export const MAX_VARIANT_BODY_BYTES = 2 * 1024 * 1024

/** The longest a diagnosis may work on one body before it gives its best answer so far. */
export const DEFAULT_BUDGET_MS = 1500
/** HMACs one diagnosis may compute, however many secrets and variants there are. */
export const MAX_HMACS = 120
/** Secrets (and expired secrets) looked at: more would only repeat the same checks. */
const MAX_SECRETS = 8
/** "sha256=v1=…" is a plausible mistake; beyond this many prefixes, the header is just malformed. */
const MAX_PREFIXES = 4
/** Longest message or hint: a verdict stays a few KB whatever the header. */
export const MAX_TEXT_CHARS = 1000

const FORMAT_HINT = 'Send the lowercase hex HMAC-SHA256 of the raw body, keyed with the API Secret: exactly 64 characters 0-9 a-f.'

/**
 * The reason `header` does not verify `body` with any of `secrets`. Called on a header that
 * does verify, it says so (code `matches`). Runs to completion at once, within its budget.
 */
export function diagnose(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: readonly LabeledSecret[],
  context: VerifyContext = {}
): Diagnosis {
  const steps = diagnosisSteps(body, header, secrets, context)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/**
 * The same diagnosis, one step at a time: each `next()` does at most one HMAC over the body
 * (and the transform that built it), so a caller can spread a large body's diagnosis over
 * several turns of the event loop and let other requests through in between.
 */
export function* diagnosisSteps(
  body: Uint8Array,
  header: string | null | undefined,
  secrets: readonly LabeledSecret[],
  context: VerifyContext = {}
): Generator<void, Diagnosis, void> {
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
  const budget = createBudget(context)
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const found = yield* diagnoseValue(buffer, value, secrets.slice(0, MAX_SECRETS), context, budget)
  return bounded(budget.cut ? withCutNote(found, budget) : found)
}

function* diagnoseValue(
  body: Buffer,
  header: string,
  secrets: readonly LabeledSecret[],
  context: VerifyContext,
  budget: Budget
): Generator<void, Diagnosis, void> {
  // Prefixes are peeled in a loop, never by recursion: a header of thousands of "a=" must
  // neither overflow the stack nor build a message per prefix.
  const prefixes: string[] = []
  let form = headerForm(header)
  while (form.kind === 'prefixed') {
    if (prefixes.length === MAX_PREFIXES) return tooManyPrefixes(prefixes[0], header.length)
    prefixes.push(form.prefix)
    form = headerForm(form.rest)
  }
  const inner = yield* diagnoseForm(body, form, secrets, context, budget)
  return prefixes.length === 0 ? inner : prefixed(prefixes.map((p) => `${p}=`).join(''), inner)
}

function* diagnoseForm(
  body: Buffer,
  form: HeaderForm,
  secrets: readonly LabeledSecret[],
  context: VerifyContext,
  budget: Budget
): Generator<void, Diagnosis, void> {
  switch (form.kind) {
    case 'prefixed':
      throw new Error('unreachable: prefixes are peeled before')
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
      const label = yield* findMatch(budget, body, form.digest, secrets, form.algorithm)
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
      return yield* digestDiagnosis(body, form, secrets, context, budget)
  }
}

function tooManyPrefixes(first: string, length: number): Diagnosis {
  return {
    code: 'malformed-signature',
    message:
      `The signature is ${length} characters long and starts with more than ${MAX_PREFIXES} "name=" prefixes ` +
      `(the first is "${first}="): Smart KYC sends 64 lowercase hex characters (HMAC-SHA256), with no prefix.`,
    hint: FORMAT_HINT
  }
}

function prefixed(prefix: string, inner: Diagnosis): Diagnosis {
  const drop = `Send only the 64 lowercase hex characters, without "${prefix}".`
  if (inner.code === 'matches') {
    return {
      code: 'prefixed-signature',
      message: `The signature starts with "${prefix}": without that prefix, it matches. ${inner.message}`,
      hint: `${drop} Smart KYC does not prefix the digest (GitHub-style "sha256=" signatures differ).`
    }
  }
  return {
    code: 'prefixed-signature',
    message: `The signature starts with "${prefix}", and even without that prefix it does not match: ${inner.message}`,
    hint: `${drop} Then: ${inner.hint}`
  }
}

type DigestForm = Extract<HeaderForm, { kind: 'hex' | 'upper-hex' | 'base64' }>

function* digestDiagnosis(
  body: Buffer,
  form: DigestForm,
  secrets: readonly LabeledSecret[],
  context: VerifyContext,
  budget: Budget
): Generator<void, Diagnosis, void> {
  const label = yield* findMatch(budget, body, form.digest, secrets)
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
  const found = yield* explainMismatch(body, form.digest, secrets, context, budget)
  const also =
    form.kind === 'upper-hex'
      ? ' Also, the signature is upper-case hex; Smart KYC sends lowercase.'
      : form.kind === 'base64'
        ? ' Also, the signature is base64; Smart KYC sends lowercase hex.'
        : ''
  return { ...found, message: found.message + also }
}

/** Tries each known near miss in turn; the generic answer when none explains it. */
function* explainMismatch(
  body: Buffer,
  digest: Buffer,
  secrets: readonly LabeledSecret[],
  context: VerifyContext,
  budget: Budget
): Generator<void, Diagnosis, void> {
  const expired = yield* findMatch(budget, body, digest, (context.expiredSecrets ?? []).slice(0, MAX_SECRETS))
  if (expired) {
    return {
      code: 'rotated-secret',
      message: `It matches "${expired}", a secret that was rotated out and is no longer accepted: the sender still signs with the old secret.`,
      hint: 'Give the sender the current API Secret (rotate again if it was lost).'
    }
  }
  if (context.apiKey && (yield* findMatch(budget, body, digest, [{ label: 'API key', secret: context.apiKey }]))) {
    return {
      code: 'signed-with-api-key',
      message: 'It is keyed with the API key instead of the API Secret.',
      hint: 'Key the HMAC with the API Secret; the API key only identifies the caller (header or query parameter).'
    }
  }
  for (const variant of SECRET_VARIANTS) {
    for (const s of secrets) {
      const candidate = variant.transform(s.secret)
      if (candidate !== null && (yield* findMatch(budget, body, digest, [{ label: s.label, secret: candidate }]))) {
        return { code: 'secret-whitespace', message: variant.message(s.label), hint: variant.hint }
      }
    }
  }
  const variantLimit = context.maxVariantBodyBytes ?? MAX_VARIANT_BODY_BYTES
  const tooLarge = body.length > variantLimit
  if (!tooLarge) {
    const view = bodyView(body)
    for (const variant of BODY_VARIANTS) {
      if (budget.exhausted()) break
      let candidate: string | Buffer | null
      const started = performance.now()
      try {
        candidate = variant.transform(view)
      } catch {
        continue // a hostile body may defeat a transform; it just explains nothing
      } finally {
        budget.spentMs += performance.now() - started
      }
      if (candidate === null || Buffer.from(candidate).equals(body)) continue
      if (yield* findMatch(budget, candidate, digest, secrets)) return { code: variant.code, message: variant.message, hint: variant.hint }
    }
  }
  return {
    code: 'mismatch',
    message:
      `The signature is well-formed but matches none of the secrets (${quote(secrets)}) for these ${body.length} bytes: ` +
      'it was signed with a different secret or the body was changed in transit.' +
      (tooLarge ? ` (Re-serialisation checks were skipped: the body is over ${sizeText(variantLimit)}.)` : ''),
    hint: 'Check that the sender signs with the current API Secret and hashes exactly the bytes it sends; nothing between the sender and here may rewrite the body.'
  }
}

// ------------------------------------------------------------------ bounds

/**
 * What one diagnosis may spend, whatever the input: HMACs tried and time computing them.
 * A diagnosis that runs out says which checks it skipped instead of going on.
 */
interface Budget {
  hmacsLeft: number
  spentMs: number
  readonly limitMs: number
  /** Set when a check was skipped for lack of budget. */
  cut: boolean
  exhausted(): boolean
}

function createBudget(context: VerifyContext): Budget {
  return {
    hmacsLeft: context.maxHmacs ?? MAX_HMACS,
    spentMs: 0,
    limitMs: context.budgetMs ?? DEFAULT_BUDGET_MS,
    cut: false,
    exhausted() {
      if (this.hmacsLeft <= 0 || this.spentMs >= this.limitMs) this.cut = true
      return this.cut
    }
  }
}

/**
 * The first secret whose HMAC of `body` equals `digest`, by label. One step (one yield) per
 * HMAC; null, and the budget marked cut, once the budget is spent.
 */
function* findMatch(
  budget: Budget,
  body: Uint8Array | string,
  digest: Buffer,
  secrets: readonly LabeledSecret[],
  algorithm: HmacAlgorithm = 'sha256'
): Generator<void, string | null, void> {
  for (const s of secrets) {
    if (budget.exhausted()) return null
    const started = performance.now()
    const same = sameBytes(hmac(body, s.secret, algorithm), digest)
    budget.spentMs += performance.now() - started
    budget.hmacsLeft -= 1
    if (same) return s.label
    yield
  }
  return null
}

function withCutNote(d: Diagnosis, budget: Budget): Diagnosis {
  if (d.code !== 'mismatch') return d
  return {
    ...d,
    message:
      `${d.message} (Some near-miss checks were skipped: the diagnosis stops after ${budget.limitMs} ms of work or ` +
      `${MAX_HMACS} HMACs, so it cannot hold up the Workbench.)`
  }
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`
}

function quote(labels: readonly LabeledSecret[]): string {
  const shown = labels.slice(0, 5).map((s) => `"${s.label}"`).join(', ')
  return labels.length > 5 ? `${shown} and ${labels.length - 5} more` : shown
}

/** Caps each text of a diagnosis, so that no input can make a stored verdict large. */
function bounded(d: Diagnosis): Diagnosis {
  return { code: clip(d.code, 64), message: clip(d.message, MAX_TEXT_CHARS), hint: clip(d.hint, MAX_TEXT_CHARS) }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
