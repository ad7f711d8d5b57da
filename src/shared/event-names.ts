/**
 * The names of Smart KYC's events, with nothing else: zod-free, so the served UI can name
 * events (filters, the live subscription) before the contract's schemas load (issue 10).
 */

/** The 11 events of the Smart KYC docs, in the docs' order. */
export const EVENT_NAMES = [
  'submission.created',
  'submission.completed',
  'submission.approved',
  'submission.rejected',
  'submission.updated',
  'invitation.sent',
  'invitation.expired',
  'invitation.cancelled',
  'aml.screening.completed',
  'aml.match.found',
  'aml.match.dismissed'
] as const
