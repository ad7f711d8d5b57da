/**
 * The event list the UI and CLI show: name, group, the docs' one-line description, and
 * whether the docs document the event's data (false means we modelled it: "inferred").
 */
import type { z } from 'zod'
import type { EventInfo as EventInfoSchema } from '../../shared/contract'
import type { EventName } from '../../shared/models'
import { amlSchemas } from './aml-schemas'
import { invitationSchemas } from './invitation-schemas'
import type { JsonSchema } from './shared-fields'
import { submissionSchemas } from './submission-schemas'

export type EventInfo = z.infer<typeof EventInfoSchema>

/** In the docs' order, with the docs' wording. */
export const EVENT_INFO: readonly EventInfo[] = [
  { name: 'submission.created', group: 'submission', description: 'New submission started', documented: false },
  { name: 'submission.completed', group: 'submission', description: 'Submission completed', documented: true },
  { name: 'submission.approved', group: 'submission', description: 'Submission approved', documented: false },
  { name: 'submission.rejected', group: 'submission', description: 'Submission rejected', documented: false },
  { name: 'submission.updated', group: 'submission', description: 'Submission updated', documented: false },
  { name: 'invitation.sent', group: 'invitation', description: 'Invitation sent to customer', documented: false },
  { name: 'invitation.expired', group: 'invitation', description: 'Invitation expired', documented: false },
  { name: 'invitation.cancelled', group: 'invitation', description: 'Invitation cancelled', documented: false },
  { name: 'aml.screening.completed', group: 'aml', description: 'AML screening completed', documented: false },
  { name: 'aml.match.found', group: 'aml', description: 'AML match detected', documented: true },
  { name: 'aml.match.dismissed', group: 'aml', description: 'AML match dismissed', documented: false }
]

/** Every event's envelope schema, by name. Shared objects: copy before handing them out. */
export const SCHEMAS: Readonly<Record<EventName, JsonSchema>> = {
  ...submissionSchemas,
  ...invitationSchemas,
  ...amlSchemas
}

const NAMES: ReadonlySet<string> = new Set(EVENT_INFO.map((e) => e.name))

/** True when `value` is one of the 11 Smart KYC event names. */
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && NAMES.has(value)
}
