/**
 * What an export or a curl command leaves out unless asked: the values of secret-bearing
 * headers (credentials a handler or proxy checks) and, with `redact: 'pii'`, the KYC personal
 * data in bodies (customer e-mail, names, questionnaire answers, AML matched names).
 *
 * People share HAR files and paste curl commands into tickets; a secret or a customer's name
 * in one is a leak. X-SmartKYC-Signature is not a secret (it is a digest of the body) and is kept.
 */
import { utf8Text } from './body-text'

// One list for every face (the UI masks captured headers with it too).
import { SECRET_HEADERS } from '../../shared/secret-headers'
export { SECRET_HEADERS, isSecretHeader, maskedHeaderValue, maskSecretHeaders } from '../../shared/secret-headers'

/** What stands in for a piece of personal data. */
export const REDACTED = '[redacted]'

/** Names of fields that are not personal although they end in "name". */
const NOT_PERSONAL = new Set(['workflowname', 'eventname', 'endpointname', 'tenantname'])

function isPersonalKey(key: string): boolean {
  const k = key.toLowerCase()
  if (NOT_PERSONAL.has(k)) return false
  return k.endsWith('email') || k.endsWith('name') || k === 'phone' || k.endsWith('phonenumber') || k === 'dateofbirth'
}

/** Every leaf under a `responses` object: the customer's answers, whatever the questions. */
function redactAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAll)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)]))
  }
  return value === null ? null : REDACTED
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'responses') return [k, redactAll(v)]
      if (isPersonalKey(k) && v !== null && typeof v !== 'object') return [k, REDACTED]
      if (isPersonalKey(k)) return [k, redactAll(v)]
      return [k, redactValue(v)]
    })
  )
}

/** The text that replaces a body that could not be read as JSON (it may hold anything). */
export const UNREADABLE_BODY_REDACTED = '[redacted: the body is not JSON, so all of it was left out]'

/**
 * The body with KYC personal data replaced by "[redacted]": customerEmail (any *email field),
 * any *Name field (customerName, firstName, lastName, fullName, matchedName; not workflowName),
 * and every value under `responses`. A body that is not JSON is replaced whole; an empty one
 * stays empty. The result is re-serialised, so it no longer matches the body's signature.
 */
export function redactPiiBody(bytes: Buffer): Buffer {
  if (bytes.length === 0) return bytes
  const text = utf8Text(bytes)
  let doc: unknown
  try {
    if (text === null) throw new Error('not UTF-8')
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return Buffer.from(UNREADABLE_BODY_REDACTED, 'utf8')
  }
  return Buffer.from(JSON.stringify(redactValue(doc)), 'utf8')
}

/** What the export says about itself when it left something out. */
export function exportNotes(options: { includeSecrets: boolean; redact?: 'pii' }): string[] {
  const notes: string[] = []
  if (!options.includeSecrets) {
    notes.push(
      `Values of secret headers (${[...SECRET_HEADERS].join(', ')}) are masked; export with secrets included to keep them.`
    )
  }
  if (options.redact === 'pii') {
    notes.push(
      'Personal data in the request bodies was redacted (e-mail, names, responses values, matchedName): ' +
        'these bodies no longer match their X-SmartKYC-Signature, so they will not verify.'
    )
  }
  return notes
}
