/**
 * The handler audit's checks as plain data: what each one grades, the docs' words it comes
 * from, and the one-line fix. The runner (run-audit.ts, check-impls.ts) implements them;
 * the CLI, the JUnit report and the UI only read these.
 */
import type { AuditCheckId } from '../../shared/audit-models'

export interface AuditCheckDefinition {
  id: AuditCheckId
  number: number
  title: string
  /** Quoted from the Smart KYC "Webhooks & API" docs. */
  rule: string
  fix: string
}

export const AUDIT_CHECKS: readonly AuditCheckDefinition[] = [
  {
    id: 'signed-events',
    number: 1,
    title: 'Accepts valid, signed events',
    rule: '"Return appropriate HTTP status codes" and "Return 200 OK quickly" for each of the 11 events.',
    fix: 'Answer 2xx to every signed Smart KYC event within the budget, including events you do not act on.'
  },
  {
    id: 'raw-bytes',
    number: 2,
    title: 'Hashes the raw bytes',
    rule: '"X-SmartKYC-Signature: HMAC-SHA256 signature" computed with hmac.update(payload), the request body as sent.',
    fix: 'Compute the HMAC over the raw request body bytes, before any JSON parsing (e.g. express.raw()).'
  },
  {
    id: 'unsigned',
    number: 3,
    title: 'Refuses unsigned requests',
    rule: '"Always verify signatures: Never trust unsigned requests"',
    fix: 'Answer 401 when the X-SmartKYC-Signature header is missing, before doing anything with the body.'
  },
  {
    id: 'forged',
    number: 4,
    title: 'Refuses forged signatures',
    rule: '"Verify the signature using your API Secret", then "return signature === calculatedSignature" (lowercase hex).',
    fix: 'Compare the header with the lowercase hex HMAC-SHA256 of the raw body keyed with the API Secret (constant-time), and answer 401 otherwise.'
  },
  {
    id: 'duplicates',
    number: 5,
    title: 'Acknowledges duplicates',
    rule: '"Idempotency: Handle duplicate webhook deliveries" and "Webhooks may be delivered multiple times".',
    fix: 'Answer 2xx to a delivery you have already processed, and skip its side effects (keep the processed keys).'
  },
  {
    id: 'unknown-events',
    number: 6,
    title: 'Survives unknown and out-of-order events',
    rule: '"Handle errors: Return appropriate HTTP status codes" (a 5xx or a timeout makes the platform retry).',
    fix: 'Answer 2xx (or a deliberate 4xx) to events you do not know or did not expect yet; never throw into a 5xx.'
  },
  {
    id: 'burst',
    number: 7,
    title: 'Answers fast under a burst',
    rule: '"Process Asynchronously: Don\'t block webhook processing, Queue events for background processing, Return 200 OK quickly"',
    fix: 'Queue the event and answer 200 at once; do the slow work (database, e-mail, API calls) in the background.'
  },
  {
    id: 'transport',
    number: 8,
    title: 'Transport',
    rule: '"Use HTTPS: Webhooks require HTTPS endpoints" and "SSL certificate (HTTPS required)".',
    fix: 'Serve the handler over HTTPS with a certificate from a public CA that covers the host name.'
  },
  {
    id: 'large-payloads',
    number: 9,
    title: 'Large and odd payloads',
    rule: '"Validate payloads: Check payload structure and data" (a submission\'s responses can be large and hold any language).',
    fix: 'Raise the body size limit to a few MB and decode the body as UTF-8.'
  }
]

export function checkDefinition(id: AuditCheckId): AuditCheckDefinition {
  const found = AUDIT_CHECKS.find((c) => c.id === id)
  if (!found) throw new Error(`no audit check ${id}`)
  return found
}

/** The message check 2 gives when a handler refuses a re-serialised-looking body. */
export const RESERIALISES_MESSAGE = 'your handler re-serialises the JSON before hashing: hash the raw body'
