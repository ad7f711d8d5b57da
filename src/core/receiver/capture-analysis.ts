/**
 * What the Workbench concludes about a body, computed once when it is captured: its hash,
 * the signature verdict over the exact bytes, and the schema verdict. Never throws: a
 * failure inside a check becomes a verdict that names it, and the capture is stored anyway.
 */
import { hash } from 'node:crypto'
import { checkSignature, diagnosisFailed, safeDiagnose, type LabeledSecret, type VerifyContext } from '../signing'
import { validatePayload } from '../catalog'
import { messageOf } from '../../shared/errors'
import { SIGNATURE_HEADER, type Diagnosis, type HeaderPair, type SchemaVerdict, type SignatureVerdict } from '../../shared/models'

/** Where verification secrets come from (the credentials service). */
export interface SecretSource {
  verificationSecrets(): LabeledSecret[]
  expiredSecrets(): LabeledSecret[]
  apiKey(): string | null
}

export interface Analysis {
  sha256: string
  signature: SignatureVerdict
  schema: SchemaVerdict
  /**
   * Set when the signature is invalid and explaining why was left for later (a large body):
   * the verdict then carries PENDING_DIAGNOSIS, and this is what the diagnosis needs.
   */
  deferred: DeferredDiagnosis | null
}

export interface DeferredDiagnosis {
  header: string
  secrets: LabeledSecret[]
  context: VerifyContext
}

/**
 * Bodies up to this size are diagnosed while the request is handled (well under a
 * millisecond for a typical webhook); larger ones after the reply, a step at a time
 * (deferred-diagnosis.ts), so one sender's bad signature never stalls other requests.
 */
export const INLINE_DIAGNOSIS_BYTES = 64 * 1024

/**
 * A deferred diagnosis re-serialises bodies only up to this size. Each re-serialisation is
 * one indivisible step (JSON.stringify of the whole body: tens of ms for 2 MB on a busy
 * machine) and allocates the body again; for larger bodies it would stall other requests
 * and cost more than capturing the body did. Verify (or `kyc-hooks verify`) still tries
 * them up to MAX_VARIANT_BODY_BYTES when a user asks.
 */
export const DEFERRED_VARIANT_BODY_BYTES = 256 * 1024

/** What an invalid verdict says until its deferred diagnosis is written. */
export const PENDING_DIAGNOSIS: Diagnosis = {
  code: 'diagnosis-pending',
  message: 'The signature does not match. Working out why takes a moment for a body this large; the explanation replaces this line when it is ready.',
  hint: 'If this line stays, the Workbench stopped before finishing: check the body and signature again with Verify.'
}

const SIGNATURE_HEADER_LOWER = SIGNATURE_HEADER.toLowerCase()

/** The first value of a header, matched case-insensitively as HTTP requires. */
export function headerValue(headers: HeaderPair[], lowerName: string): string | null {
  for (const [name, value] of headers) if (name.toLowerCase() === lowerName) return value
  return null
}

/**
 * The secrets a listener verifies with: its own (labelled by position) first, since they
 * were configured for this listener specifically, then the Workbench's API secrets.
 */
export function listenerSecrets(own: string[], useApiSecret: boolean, source: SecretSource): LabeledSecret[] {
  const labelled = ownLabelled(own)
  return useApiSecret ? [...labelled, ...source.verificationSecrets()] : labelled
}

// A listener's secrets array is replaced, never mutated, when its config changes, so the
// labelled list can be built once per array rather than once per request.
const labelledByArray = new WeakMap<string[], readonly LabeledSecret[]>()

function ownLabelled(own: string[]): LabeledSecret[] {
  let labelled = labelledByArray.get(own)
  if (!labelled) {
    labelled = Object.freeze(own.map((secret, i) => Object.freeze({ label: `listener secret #${i + 1}`, secret })))
    labelledByArray.set(own, labelled)
  }
  return labelled as LabeledSecret[]
}

/**
 * Hash, signature verdict and schema verdict of a captured body. Never throws on hostile
 * input. With `deferLarge`, an invalid signature on a body over INLINE_DIAGNOSIS_BYTES is
 * left to explain later (see Analysis.deferred).
 */
export function analyse(
  body: Buffer,
  headers: HeaderPair[],
  secrets: LabeledSecret[],
  source: SecretSource,
  options: { deferLarge?: boolean } = {}
): Analysis {
  // One-shot hash (Node >= 20.12): no Hash object per request.
  const sha256 = hash('sha256', body, 'hex')
  const header = headerValue(headers, SIGNATURE_HEADER_LOWER)
  // Only a failed check reads these (to explain the mismatch): ask the source then, not per request.
  const context: VerifyContext = {
    get apiKey() {
      return source.apiKey()
    },
    get expiredSecrets() {
      return source.expiredSecrets()
    }
  }
  let signature: SignatureVerdict
  let deferred: DeferredDiagnosis | null = null
  try {
    signature = checkSignature(body, header, secrets)
    if (signature.status === 'invalid') {
      if (options.deferLarge && body.length > INLINE_DIAGNOSIS_BYTES && header !== null) {
        deferred = { header, secrets, context: withVariantLimit(context, DEFERRED_VARIANT_BODY_BYTES) }
        signature = { ...signature, diagnosis: PENDING_DIAGNOSIS }
      } else {
        signature = { ...signature, diagnosis: safeDiagnose(body, header, secrets, context) }
      }
    }
  } catch (err) {
    // Not reached by any known input; if it is, the capture still gets stored, saying so.
    signature = { status: 'invalid', received: null, expected: null, matchedSecret: null, diagnosis: diagnosisFailed(err) }
  }
  let schema: SchemaVerdict
  try {
    schema = validatePayload(body)
  } catch (err) {
    schema = schemaFailed(err)
  }
  return { sha256, signature, schema, deferred }
}

/** The same context (its getters kept: they read the credentials only when a check needs them). */
function withVariantLimit(context: VerifyContext, maxVariantBodyBytes: number): VerifyContext {
  return Object.defineProperty(context, 'maxVariantBodyBytes', { value: maxVariantBodyBytes, enumerable: true })
}

function schemaFailed(err: unknown): SchemaVerdict {
  return { status: 'invalid', event: null, errors: [{ path: '', keyword: 'check-failed', message: `the payload could not be checked: ${messageOf(err).slice(0, 300)}` }] }
}
