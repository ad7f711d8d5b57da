/**
 * The JSON Schema pieces every Smart KYC event reuses: the envelope and the data fields
 * the docs name (submissionId, invitationId, customerEmail, workflowId, workflowName,
 * status, submittedAt, responses, and the AML match fields). Plain data: no behaviour
 * lives here, so the schemas read like the docs they come from.
 *
 * Descriptions matter: Monaco shows them as hover docs in the composer.
 */
import type { EventName } from '../../shared/models'

/** A JSON Schema document or fragment, kept as plain JSON-safe data. */
export type JsonSchema = Record<string, unknown>

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
export const SCHEMA_BASE_URI = 'https://schemas.smartkyc.local/webhooks/'

/** The words every undocumented field and event carries, so users know what to trust. */
export const INFERRED = 'Inferred: not in the Smart KYC docs; modelled on'

/** The docs only show `Z`; `+00:00` is the same instant and some serialisers emit it. */
export const UTC_PATTERN = '(?:Z|[+]00:00)$'

/** ISO 8601 in UTC, as the docs show ("2024-01-15T10:30:00Z"). */
function utcTime(description: string, example = '2024-01-15T10:30:00Z'): JsonSchema {
  return {
    type: 'string',
    format: 'date-time',
    pattern: UTC_PATTERN,
    description: `${description} ISO 8601 date-time in UTC, e.g. "${example}".`,
    examples: [example]
  }
}

function prefixedId(prefix: string, description: string, example: string): JsonSchema {
  return {
    type: 'string',
    pattern: `^${prefix}`,
    minLength: prefix.length + 1,
    description: `${description} Starts with "${prefix}" as in the docs, e.g. "${example}".`,
    examples: [example]
  }
}

/** The data fields the docs show, described once and reused by every event. */
export const fields = {
  submissionId: prefixedId('sub_', 'Identifier of the KYC submission this event is about.', 'sub_123456'),
  invitationId: prefixedId('inv_', 'Identifier of the invitation the customer received.', 'inv_123456'),
  workflowId: prefixedId('wf_', 'Identifier of the verification workflow.', 'wf_123456'),
  customerEmail: {
    type: 'string',
    format: 'email',
    description: 'E-mail address of the customer being verified, e.g. "customer@example.com".',
    examples: ['customer@example.com']
  },
  workflowName: {
    type: 'string',
    description: 'Human-readable name of the workflow, e.g. "Basic KYC".',
    examples: ['Basic KYC']
  },
  status: {
    type: 'string',
    minLength: 1,
    description: 'Status of the submission after this event, e.g. "completed".',
    examples: ['created', 'in_progress', 'completed', 'approved', 'rejected']
  },
  submittedAt: utcTime('When the customer submitted.'),
  responses: {
    type: 'object',
    description:
      'The answers the customer gave in the workflow form, keyed by field name (e.g. firstName, lastName, email). ' +
      'The keys depend on the workflow, so any key is allowed.',
    examples: [{ firstName: 'John', lastName: 'Doe', email: 'john@example.com' }]
  },
  matchType: {
    type: 'string',
    minLength: 1,
    description: 'Kind of list the screened name matched, e.g. "sanctions".',
    examples: ['sanctions', 'pep', 'adverse_media', 'watchlist']
  },
  matchScore: {
    type: 'number',
    minimum: 0,
    maximum: 1,
    description: 'Confidence of the match, from 0 (none) to 1 (exact), e.g. 0.95.',
    examples: [0.95]
  },
  matchedName: {
    type: 'string',
    minLength: 1,
    description: 'The name on the source list that matched, e.g. "John Doe".',
    examples: ['John Doe']
  },
  sourceList: {
    type: 'string',
    minLength: 1,
    description: 'The list the match came from, e.g. "OFAC".',
    examples: ['OFAC', 'UN', 'EU', 'HMT']
  },
  riskLevel: {
    type: 'string',
    minLength: 1,
    description: 'Risk assessed for the match, e.g. "high".',
    examples: ['low', 'medium', 'high']
  }
} satisfies Record<string, JsonSchema>

export type FieldName = keyof typeof fields

/**
 * A documented field reused in an event whose payload the docs do not show: same shape,
 * with the "Inferred" marker leading its description.
 */
export function inferredField(name: FieldName, modelledOn: string, description?: string): JsonSchema {
  const base = fields[name] as JsonSchema
  return {
    ...base,
    description: `${INFERRED} ${modelledOn}. ${description ?? String(base.description)}`
  }
}

/** A field no Smart KYC doc names at all, e.g. `reviewedAt`. */
export function inferredTime(modelledOn: string, description: string): JsonSchema {
  const base = utcTime(description)
  return { ...base, description: `${INFERRED} ${modelledOn}. ${String(base.description)}` }
}

/**
 * The envelope the docs' "Standard Payload Structure" shows: `{event, timestamp, data, tenantId}`.
 *
 * All four are required because the standard structure shows all four (the shorter
 * event-specific examples in the docs are excerpts). Extra properties are allowed, on the
 * envelope and in `data`, on purpose: Smart KYC may add fields at any time, and a verdict of
 * "invalid" for a payload that merely grew would teach users to ignore the verdict. Typos
 * in documented fields still show up, as a missing required property.
 */
export function envelope(spec: {
  event: EventName
  title: string
  description: string
  data: JsonSchema
}): JsonSchema {
  return {
    $schema: SCHEMA_DIALECT,
    $id: `${SCHEMA_BASE_URI}${spec.event}.json`,
    title: spec.title,
    description: spec.description,
    type: 'object',
    required: ['event', 'timestamp', 'data', 'tenantId'],
    properties: {
      event: {
        const: spec.event,
        description: `The event name. Always "${spec.event}" for this payload.`
      },
      timestamp: utcTime('When Smart KYC emitted the event.'),
      data: spec.data,
      tenantId: prefixedId('tenant_', 'Your Smart KYC tenant (organisation).', 'tenant_123456')
    }
  }
}
