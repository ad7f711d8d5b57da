/**
 * A realistic payload per event: fresh ids that agree with each other (the submission,
 * invitation, workflow and tenant of one payload belong together), the current time, and
 * values that fit the event (an approved submission says "approved").
 */
import { randomInt } from 'node:crypto'
import { badInput } from '../../shared/errors'
import { EVENT_NAMES, type EventName } from '../../shared/models'
import { randomToken } from '../ids'

type Payload = Record<string, unknown>

/** The people and workflows a template draws from: invented, obviously example data. */
const PEOPLE = [
  { firstName: 'John', lastName: 'Doe', dateOfBirth: '1985-04-12', country: 'US' },
  { firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1990-09-30', country: 'ES' },
  { firstName: 'Aiko', lastName: 'Tanaka', dateOfBirth: '1978-01-05', country: 'JP' },
  { firstName: 'Lukas', lastName: 'Schmidt', dateOfBirth: '1995-11-21', country: 'DE' }
]
const WORKFLOWS = ['Basic KYC', 'Enhanced Due Diligence', 'Business KYB']
const AML_HITS = [
  { matchType: 'sanctions', sourceList: 'OFAC', riskLevel: 'high' },
  { matchType: 'pep', sourceList: 'PEP Global', riskLevel: 'medium' },
  { matchType: 'adverse_media', sourceList: 'Adverse Media', riskLevel: 'low' }
]

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)]
}

/** "2024-01-15T10:30:00Z": second precision, as the docs show it. */
function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function minutesBefore(now: Date, minutes: number): string {
  return iso(new Date(now.getTime() - minutes * 60_000))
}

/** One coherent set of ids and a customer, shared by every field of one payload. */
function context(now: Date) {
  const person = pick(PEOPLE)
  const email = `${person.firstName}.${person.lastName}@example.com`.toLowerCase()
  return {
    now,
    person,
    email,
    submissionId: `sub_${randomToken(12)}`,
    invitationId: `inv_${randomToken(12)}`,
    workflowId: `wf_${randomToken(10)}`,
    workflowName: pick(WORKFLOWS),
    tenantId: `tenant_${randomToken(10)}`
  }
}
type Context = ReturnType<typeof context>

function submission(c: Context, status: string, submittedMinutesAgo = 5): Payload {
  return {
    submissionId: c.submissionId,
    invitationId: c.invitationId,
    customerEmail: c.email,
    workflowId: c.workflowId,
    workflowName: c.workflowName,
    status,
    submittedAt: minutesBefore(c.now, submittedMinutesAgo)
  }
}

function responses(c: Context): Payload {
  return {
    firstName: c.person.firstName,
    lastName: c.person.lastName,
    email: c.email,
    dateOfBirth: c.person.dateOfBirth,
    country: c.person.country
  }
}

function invitation(c: Context, status: string): Payload {
  return {
    invitationId: c.invitationId,
    customerEmail: c.email,
    workflowId: c.workflowId,
    workflowName: c.workflowName,
    status
  }
}

function amlHit(c: Context): Payload {
  const hit = pick(AML_HITS)
  return {
    submissionId: c.submissionId,
    matchType: hit.matchType,
    // Two decimals, between 0.80 and 0.99: what a screening provider reports for a real hit.
    matchScore: (80 + randomInt(20)) / 100,
    matchedName: `${c.person.firstName} ${c.person.lastName}`,
    sourceList: hit.sourceList,
    riskLevel: hit.riskLevel
  }
}

/** The `data` of each event, from one shared context. */
const DATA: Record<EventName, (c: Context) => Payload> = {
  'submission.created': (c) => {
    const { submittedAt: _unused, ...rest } = submission(c, 'created')
    return { ...rest, createdAt: iso(c.now) }
  },
  'submission.completed': (c) => ({ ...submission(c, 'completed', 0), responses: responses(c) }),
  'submission.approved': (c) => ({ ...submission(c, 'approved', 60), reviewedAt: iso(c.now) }),
  'submission.rejected': (c) => ({
    ...submission(c, 'rejected', 60),
    reviewedAt: iso(c.now),
    rejectionReason: 'Document expired'
  }),
  'submission.updated': (c) => ({
    ...submission(c, 'in_review', 30),
    updatedAt: iso(c.now),
    responses: responses(c)
  }),
  'invitation.sent': (c) => ({
    ...invitation(c, 'sent'),
    sentAt: iso(c.now),
    expiresAt: iso(new Date(c.now.getTime() + 7 * 24 * 3_600_000))
  }),
  'invitation.expired': (c) => ({
    ...invitation(c, 'expired'),
    sentAt: minutesBefore(c.now, 7 * 24 * 60),
    expiredAt: iso(c.now)
  }),
  'invitation.cancelled': (c) => ({
    ...invitation(c, 'cancelled'),
    sentAt: minutesBefore(c.now, 120),
    cancelledAt: iso(c.now),
    reason: 'Sent to the wrong address'
  }),
  'aml.screening.completed': (c) => ({
    submissionId: c.submissionId,
    status: 'completed',
    matchCount: 0,
    riskLevel: 'low',
    completedAt: iso(c.now)
  }),
  'aml.match.found': (c) => amlHit(c),
  'aml.match.dismissed': (c) => ({
    ...amlHit(c),
    status: 'dismissed',
    dismissedAt: iso(c.now),
    reason: 'Different date of birth'
  })
}

/** A fresh payload for `event`, in the docs' key order: event, timestamp, data, tenantId. */
export function templateFor(event: EventName, now: Date = new Date()): Payload {
  const data = DATA[event]
  // Callers outside TypeScript (CLI arguments) can pass any string.
  if (!data) throw badInput(`${JSON.stringify(event)} is not a Smart KYC event: choose one of ${EVENT_NAMES.join(', ')}`)
  const c = context(now)
  return { event, timestamp: iso(now), data: data(c), tenantId: c.tenantId }
}

/** The template as the composer shows it: pretty JSON, 2 spaces. */
export function renderTemplate(event: EventName, now?: Date): string {
  return JSON.stringify(templateFor(event, now), null, 2)
}
