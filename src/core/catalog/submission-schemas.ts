/**
 * JSON Schemas of the five submission events. Only submission.completed's data is in the
 * docs; the other four reuse its field names and are marked "Inferred" where they do.
 */
import { envelope, fields, INFERRED, inferredField, inferredTime, type JsonSchema } from './shared-fields'

const MODEL = "submission.completed's documented payload"

/** The documented submission fields, marked inferred for an event the docs do not show. */
function standardFields(statusExample: string): Record<string, JsonSchema> {
  return {
    submissionId: inferredField('submissionId', MODEL),
    invitationId: inferredField('invitationId', MODEL),
    customerEmail: inferredField('customerEmail', MODEL),
    workflowId: inferredField('workflowId', MODEL),
    workflowName: inferredField('workflowName', MODEL),
    status: {
      ...inferredField('status', MODEL, `Status of the submission after this event, e.g. "${statusExample}".`),
      examples: [statusExample]
    }
  }
}

/**
 * Undocumented events require only the submission id and status: enough to be useful, and
 * lenient enough that a real payload shaped a little differently is not called invalid.
 */
const INFERRED_REQUIRED = ['submissionId', 'status']

const completed = envelope({
  event: 'submission.completed',
  title: 'submission.completed',
  description: 'Submission completed: the customer finished the workflow. Documented in the Smart KYC docs.',
  data: {
    type: 'object',
    description: 'The completed submission. Fields as documented by Smart KYC.',
    // The docs show this event twice: the "Standard Payload Structure" without workflowName and
    // responses, the event-specific example with them. Required is what both examples show.
    required: ['submissionId', 'invitationId', 'customerEmail', 'workflowId', 'status', 'submittedAt'],
    properties: {
      submissionId: fields.submissionId,
      invitationId: fields.invitationId,
      customerEmail: fields.customerEmail,
      workflowId: fields.workflowId,
      workflowName: fields.workflowName,
      status: { ...fields.status, description: 'Status of the submission: "completed" for this event.', examples: ['completed'] },
      submittedAt: fields.submittedAt,
      responses: fields.responses
    }
  }
})

const created = envelope({
  event: 'submission.created',
  title: 'submission.created',
  description: `New submission started. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The submission that was started. ${INFERRED} ${MODEL}.`,
    required: INFERRED_REQUIRED,
    properties: {
      ...standardFields('created'),
      createdAt: inferredTime("submission.completed's submittedAt", 'When the customer started the submission.')
    }
  }
})

const approved = envelope({
  event: 'submission.approved',
  title: 'submission.approved',
  description: `Submission approved. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The approved submission. ${INFERRED} ${MODEL}.`,
    required: INFERRED_REQUIRED,
    properties: {
      ...standardFields('approved'),
      submittedAt: inferredField('submittedAt', MODEL),
      reviewedAt: inferredTime("submission.completed's submittedAt", 'When the submission was approved.')
    }
  }
})

const rejected = envelope({
  event: 'submission.rejected',
  title: 'submission.rejected',
  description: `Submission rejected. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The rejected submission. ${INFERRED} ${MODEL}.`,
    required: INFERRED_REQUIRED,
    properties: {
      ...standardFields('rejected'),
      submittedAt: inferredField('submittedAt', MODEL),
      reviewedAt: inferredTime("submission.completed's submittedAt", 'When the submission was rejected.'),
      rejectionReason: {
        type: 'string',
        description: `${INFERRED} the status field. Why the submission was rejected, in words, e.g. "Document expired".`,
        examples: ['Document expired', 'Selfie does not match the ID photo']
      }
    }
  }
})

const updated = envelope({
  event: 'submission.updated',
  title: 'submission.updated',
  description: `Submission updated. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The submission after the update. ${INFERRED} ${MODEL}.`,
    required: INFERRED_REQUIRED,
    properties: {
      ...standardFields('in_review'),
      submittedAt: inferredField('submittedAt', MODEL),
      updatedAt: inferredTime("submission.completed's submittedAt", 'When the submission was last changed.'),
      responses: inferredField('responses', MODEL)
    }
  }
})

/** The five submission events' envelope schemas, by event name. */
export const submissionSchemas = {
  'submission.created': created,
  'submission.completed': completed,
  'submission.approved': approved,
  'submission.rejected': rejected,
  'submission.updated': updated
} as const satisfies Record<string, JsonSchema>
