/**
 * What the Workbench concludes about a body, computed once when it is captured: its hash,
 * the signature verdict over the exact bytes, and the schema verdict.
 */
import { createHash } from 'node:crypto'
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
  const secrets: LabeledSecret[] = own.map((secret, i) => ({ label: `listener secret #${i + 1}`, secret }))
  if (useApiSecret) secrets.push(...source.verificationSecrets())
  return secrets
}

/** Hash, signature verdict and schema verdict of a captured body. Never throws on hostile input. */
export function analyse(body: Buffer, headers: HeaderPair[], secrets: LabeledSecret[], source: SecretSource): Analysis {
  return {
    sha256: createHash('sha256').update(body).digest('hex'),
    signature: verifySignature(body, headerValue(headers, SIGNATURE_HEADER_LOWER), secrets, {
      apiKey: source.apiKey(),
      expiredSecrets: source.expiredSecrets()
    }),
    schema: validatePayload(body)
  }
}
