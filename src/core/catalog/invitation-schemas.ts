/**
 * JSON Schemas of the three invitation events. The docs show none of their payloads: every
 * data field is modelled on submission.completed's documented fields and marked "Inferred".
 */
import { envelope, INFERRED, inferredField, inferredTime, type JsonSchema } from './shared-fields'

const MODEL = "submission.completed's documented payload"

function invitationFields(status: string): Record<string, JsonSchema> {
  return {
    invitationId: inferredField('invitationId', MODEL, 'The invitation this event is about. Starts with "inv_", e.g. "inv_123456".'),
    customerEmail: inferredField('customerEmail', MODEL, 'E-mail address the invitation was sent to, e.g. "customer@example.com".'),
    workflowId: inferredField('workflowId', MODEL),
    workflowName: inferredField('workflowName', MODEL),
    status: {
      ...inferredField('status', MODEL, `Status of the invitation after this event: "${status}".`),
      examples: [status]
    }
  }
}

// Only the identifier and status are required: the rest is a guess we should not enforce.
const REQUIRED = ['invitationId', 'status']

const sent = envelope({
  event: 'invitation.sent',
  title: 'invitation.sent',
  description: `Invitation sent to customer. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The invitation that was sent. ${INFERRED} ${MODEL}.`,
    required: REQUIRED,
    properties: {
      ...invitationFields('sent'),
      sentAt: inferredTime("submission.completed's submittedAt", 'When the invitation was sent.'),
      expiresAt: inferredTime("submission.completed's submittedAt", 'When the invitation stops working if unused.')
    }
  }
})

const expired = envelope({
  event: 'invitation.expired',
  title: 'invitation.expired',
  description: `Invitation expired. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The invitation that expired unused. ${INFERRED} ${MODEL}.`,
    required: REQUIRED,
    properties: {
      ...invitationFields('expired'),
      sentAt: inferredTime("submission.completed's submittedAt", 'When the invitation was sent.'),
      expiredAt: inferredTime("submission.completed's submittedAt", 'When the invitation expired.')
    }
  }
})

const cancelled = envelope({
  event: 'invitation.cancelled',
  title: 'invitation.cancelled',
  description: `Invitation cancelled. ${INFERRED} ${MODEL}.`,
  data: {
    type: 'object',
    description: `The invitation that was cancelled. ${INFERRED} ${MODEL}.`,
    required: REQUIRED,
    properties: {
      ...invitationFields('cancelled'),
      sentAt: inferredTime("submission.completed's submittedAt", 'When the invitation was sent.'),
      cancelledAt: inferredTime("submission.completed's submittedAt", 'When the invitation was cancelled.'),
      reason: {
        type: 'string',
        description: `${INFERRED} the status field. Why the invitation was cancelled, e.g. "Sent to the wrong address".`,
        examples: ['Sent to the wrong address']
      }
    }
  }
})

/** The three invitation events' envelope schemas, by event name. */
export const invitationSchemas = {
  'invitation.sent': sent,
  'invitation.expired': expired,
  'invitation.cancelled': cancelled
} as const satisfies Record<string, JsonSchema>
