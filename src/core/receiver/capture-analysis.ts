/**
 * What the Workbench concludes about a body, computed once when it is captured: its hash,
 * the signature verdict over the exact bytes, and the schema verdict.
 */
import { hash } from 'node:crypto'
import { verifySignature, type LabeledSecret } from '../signing'
import { validatePayload } from '../catalog'
import { SIGNATURE_HEADER, type HeaderPair, type SchemaVerdict, type SignatureVerdict } from '../../shared/models'

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

/** Hash, signature verdict and schema verdict of a captured body. Never throws on hostile input. */
export function analyse(body: Buffer, headers: HeaderPair[], secrets: LabeledSecret[], source: SecretSource): Analysis {
  return {
    // One-shot hash (Node >= 20.12): no Hash object per request.
    sha256: hash('sha256', body, 'hex'),
    // Only a failed check reads these (to explain the mismatch): ask the source then, not per request.
    signature: verifySignature(body, headerValue(headers, SIGNATURE_HEADER_LOWER), secrets, {
      get apiKey() {
        return source.apiKey()
      },
      get expiredSecrets() {
        return source.expiredSecrets()
      }
    }),
    schema: validatePayload(body)
  }
}
