/**
 * The mock Smart KYC platform's data, as zod schemas: what its REST API accepts and answers,
 * and what the contract's platform.* methods carry to the UI. The same schemas validate the
 * API's requests and generate its OpenAPI document, so the two cannot disagree.
 *
 * Documented vs inferred: the Smart KYC docs say the REST API exists (retrieve submissions,
 * create invitations, update submissions, query data), that it authenticates with the API
 * key in a header or a query parameter, and its rate limits. Everything else here (paths,
 * field names of requests and answers, statuses) is inferred from the webhook payloads.
 */
import { z } from 'zod'

// ---------------------------------------------------------------- requests

const Responses = z
  .record(z.string(), z.unknown())
  .describe('The answers the customer gave in the workflow form, keyed by field name (e.g. firstName, lastName).')

export const CreateInvitationBody = z
  .object({
    customerEmail: z.email().describe('E-mail address of the customer to invite.'),
    workflowId: z
      .string()
      .regex(/^wf_[A-Za-z0-9_]+$/, 'a workflow id starts with "wf_", e.g. wf_123456')
      .optional()
      .describe('The workflow to run; a new id is made for a name never seen before.'),
    workflowName: z.string().min(1).max(200).optional().describe('Human-readable workflow name, e.g. "Basic KYC".'),
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 3600)
      .optional()
      .describe('Seconds until the invitation expires (emits invitation.expired); default 7 days.')
  })
  .strict()
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>

export const CancelInvitationBody = z
  .object({ reason: z.string().max(500).optional().describe('Why the invitation was cancelled.') })
  .strict()
  .default({})

export const SubmissionStatus = z.enum(['created', 'completed', 'in_review', 'approved', 'rejected'])
export type SubmissionStatus = z.infer<typeof SubmissionStatus>

export const PatchSubmissionBody = z
  .object({
    status: z
      .enum(['in_review', 'approved', 'rejected'])
      .optional()
      .describe('"approved" emits submission.approved, "rejected" submission.rejected, "in_review" submission.updated.'),
    responses: Responses.optional(),
    rejectionReason: z.string().min(1).max(500).optional().describe('Why the submission was rejected.')
  })
  .strict()
  .refine((b) => b.status !== undefined || b.responses !== undefined || b.rejectionReason !== undefined, {
    message: 'nothing to change: give status, responses or rejectionReason'
  })
export type PatchSubmissionBody = z.infer<typeof PatchSubmissionBody>

export const ListSubmissionsQuery = z
  .object({
    status: SubmissionStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100.'),
    cursor: z.string().min(1).optional().describe('nextCursor of the previous page.')
  })
  .strict()
export type ListSubmissionsQuery = z.infer<typeof ListSubmissionsQuery>

export const ListInvitationsQuery = z
  .object({
    status: z.enum(['sent', 'completed', 'cancelled', 'expired']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).optional()
  })
  .strict()
export type ListInvitationsQuery = z.infer<typeof ListInvitationsQuery>

export const CompleteInvitationBody = z
  .object({
    aml: z
      .enum(['clear', 'match'])
      .default('clear')
      .describe('"match" makes the screening find one hit: aml.match.found follows aml.screening.completed.'),
    responses: Responses.optional(),
    savesProgress: z
      .boolean()
      .default(false)
      .describe('Inferred: the customer saves their answers once before submitting, so submission.updated (status "in_progress") comes between submission.created and submission.completed.')
  })
  .strict()
  .default({ aml: 'clear', savesProgress: false })
export type CompleteInvitationBody = z.infer<typeof CompleteInvitationBody>

export const DismissMatchBody = z
  .object({ reason: z.string().min(1).max(500).optional().describe('Why the match is a false positive.') })
  .strict()
  .default({})

// ---------------------------------------------------------------- answers

export const InvitationStatus = z.enum(['sent', 'completed', 'cancelled', 'expired'])

export const Invitation = z.object({
  id: z.string().describe('"inv_…"'),
  status: InvitationStatus,
  customerEmail: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  tenantId: z.string(),
  submissionId: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  cancelledAt: z.string().nullable(),
  expiredAt: z.string().nullable(),
  completedAt: z.string().nullable()
})
export type Invitation = z.infer<typeof Invitation>

export const AmlMatch = z.object({
  id: z.string().describe('"aml_…": pass it to POST /v1/simulate/aml-matches/{id}/dismiss.'),
  submissionId: z.string(),
  status: z.enum(['open', 'dismissed']),
  matchType: z.string(),
  matchScore: z.number(),
  matchedName: z.string(),
  sourceList: z.string(),
  riskLevel: z.string(),
  createdAt: z.string(),
  dismissedAt: z.string().nullable()
})
export type AmlMatch = z.infer<typeof AmlMatch>

export const Submission = z.object({
  id: z.string().describe('"sub_…"'),
  invitationId: z.string(),
  status: SubmissionStatus,
  customerEmail: z.string(),
  workflowId: z.string(),
  workflowName: z.string(),
  tenantId: z.string(),
  responses: z.record(z.string(), z.unknown()),
  amlResult: z.enum(['clear', 'match']),
  amlMatches: z.array(AmlMatch),
  rejectionReason: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  reviewedAt: z.string().nullable()
})
export type Submission = z.infer<typeof Submission>

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.')
  })
}

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable: unauthorized, rate-limited, bad-input, not-found, method-not-allowed, conflict, internal.'),
    message: z.string().describe('For people: what was wrong and what to do.'),
    field: z.string().optional().describe('For bad-input: the first field that failed, e.g. "customerEmail".')
  })
})

// ---------------------------------------------------------------- the Workbench's view (contract)

/** One answered API request, as the Platform screen's log shows it. */
export const ApiRequestLog = z.object({
  id: z.string(),
  at: z.string(),
  method: z.string(),
  /** Path and query, with an api_key query value masked. */
  path: z.string(),
  /** The key the request used, masked; null when it sent none. */
  keyMasked: z.string().nullable(),
  status: z.number().int(),
  /** The webhook events the request caused, in order. */
  events: z.array(z.string()),
  durationMs: z.number()
})
export type ApiRequestLog = z.infer<typeof ApiRequestLog>

export const PlatformOptions = z.object({
  port: z.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  /** Sustained requests per minute per key (the docs: 100). */
  rate: z.number().int().min(1).max(1_000_000).default(100),
  /** Bucket size: how many requests a fresh key may make at once (the docs: bursts up to 200). */
  burst: z.number().int().min(1).max(1_000_000).default(200)
})
export type PlatformOptions = z.input<typeof PlatformOptions>

export const PlatformStatus = z.object({
  running: z.boolean(),
  /** `http://127.0.0.1:8787/v1` while running. */
  baseUrl: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  rate: z.number().int(),
  burst: z.number().int(),
  error: z.string().nullable()
})
export type PlatformStatus = z.infer<typeof PlatformStatus>
