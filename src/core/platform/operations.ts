/**
 * The mock platform's operations: what changes its state and which webhooks each change
 * causes. The REST API calls these, the Platform screen calls these, and scenarios call
 * these directly, so a scenario's events are exactly what the API would cause.
 *
 * Every mutation answers `{ result, events }`: the new state and the names of the events it
 * queued, in order (the API's request log shows them).
 */
import { randomInt } from 'node:crypto'
import { WorkbenchError, notFound } from '../../shared/errors'
import type { EventName } from '../../shared/models'
import type {
  AmlMatch,
  CompleteInvitationBody,
  CreateInvitationBody,
  Invitation,
  ListInvitationsQuery,
  ListSubmissionsQuery,
  PatchSubmissionBody,
  Submission
} from '../../shared/platform-models'
import { newId } from '../ids'
import type { EventEmitter, PendingEvent } from './event-emitter'
import { docTime, envelopeFor, invitationData, matchData, submissionData } from './event-payloads'
import type { Page, PlatformRepo } from './platform-repo'

export interface Caused<T> {
  result: T
  events: EventName[]
}

/** Default invitation lifetime: 7 days (inferred; the docs do not say). */
export const DEFAULT_EXPIRY_SECONDS = 7 * 24 * 3600
export const DEFAULT_WORKFLOW = 'Basic KYC'

const AML_HITS = [
  { matchType: 'sanctions', sourceList: 'OFAC', riskLevel: 'high' },
  { matchType: 'pep', sourceList: 'PEP Global', riskLevel: 'medium' },
  { matchType: 'adverse_media', sourceList: 'Adverse Media', riskLevel: 'low' }
]

export interface OperationsDeps {
  repo: PlatformRepo
  emitter: EventEmitter
  now: () => Date
  /** Told after every change, so the UI can refresh and the expiry timer re-plan. */
  onChange: () => void
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/** Form answers a customer with this address plausibly gave: "john.doe@…" is John Doe. */
export function responsesFor(email: string): Record<string, unknown> {
  const parts = email.split('@')[0].split(/[._-]+/).filter(Boolean)
  return {
    firstName: capitalise(parts[0] ?? 'Alex'),
    lastName: capitalise(parts[1] ?? 'Example'),
    email,
    dateOfBirth: '1985-04-12',
    country: 'US'
  }
}

export function createOperations(deps: OperationsDeps) {
  const { repo } = deps
  const iso = (): string => deps.now().toISOString()
  const tenantId = (): string => repo.initState('tenantId', newId('tenant'))

  function queue(events: PendingEvent[], cause: string | null): EventName[] {
    deps.emitter.emit(events, cause)
    deps.onChange()
    return events.map((e) => e.event)
  }

  function payload(event: EventName, data: Record<string, unknown>): PendingEvent {
    return { event, payload: envelopeFor(event, tenantId(), data, deps.now()) }
  }

  function mustInvitation(id: string): Invitation {
    const inv = repo.invitation(id)
    if (!inv) throw notFound('invitation', id)
    return inv
  }

  function mustSubmission(id: string): Submission {
    const sub = repo.submission(id)
    if (!sub) throw notFound('submission', id)
    return sub
  }

  function workflowFor(body: CreateInvitationBody): { id: string; name: string } {
    if (body.workflowId) {
      const known = repo.workflowById(body.workflowId)
      const name = body.workflowName ?? known?.name ?? DEFAULT_WORKFLOW
      if (!known) repo.insertWorkflow(body.workflowId, `${name} (${body.workflowId})`)
      return { id: body.workflowId, name }
    }
    const name = body.workflowName ?? DEFAULT_WORKFLOW
    const known = repo.workflowByName(name)
    if (known) return known
    const id = newId('wf')
    repo.insertWorkflow(id, name)
    return repo.workflowByName(name) ?? { id, name }
  }

  function notSent(inv: Invitation, action: string): WorkbenchError {
    return new WorkbenchError('conflict', `invitation ${inv.id} is ${inv.status}, so it cannot be ${action}: only a sent invitation can`)
  }

  /** Expires one invitation now (its timer ran out, or a scenario says so). */
  function expire(id: string, cause: string | null): Caused<Invitation> {
    const inv = mustInvitation(id)
    const at = iso()
    if (!repo.expire(id, at)) throw notSent(inv, 'expired')
    const expired = mustInvitation(id)
    return {
      result: expired,
      events: queue([payload('invitation.expired', invitationData(expired, { expiredAt: docTime(at) }))], cause)
    }
  }

  return {
    tenantId,
    idle: () => deps.emitter.idle(),

    createInvitation(body: CreateInvitationBody, cause: string | null = null): Caused<Invitation> {
      const now = deps.now()
      const workflow = workflowFor(body)
      const id = newId('inv')
      repo.insertInvitation({
        id,
        customerEmail: body.customerEmail,
        workflowId: workflow.id,
        workflowName: workflow.name,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + (body.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000).toISOString()
      })
      const inv = mustInvitation(id)
      return { result: inv, events: queue([payload('invitation.sent', invitationData(inv))], cause) }
    },

    cancelInvitation(id: string, body: { reason?: string }, cause: string | null = null): Caused<Invitation> {
      const inv = mustInvitation(id)
      const at = iso()
      if (!repo.cancel(id, at, body.reason ?? null)) throw notSent(inv, 'cancelled')
      const cancelled = mustInvitation(id)
      const data = invitationData(cancelled, { cancelledAt: docTime(at), reason: body.reason ?? 'Cancelled through the API' })
      return { result: cancelled, events: queue([payload('invitation.cancelled', data)], cause) }
    },

    /** The customer opens the invitation and finishes the workflow; the screening runs. */
    completeInvitation(id: string, body: CompleteInvitationBody, cause: string | null = null): Caused<Submission> {
      const inv = mustInvitation(id)
      if (inv.status !== 'sent') throw notSent(inv, 'completed')
      const at = iso()
      const submissionId = newId('sub')
      const responses = body.responses ?? responsesFor(inv.customerEmail)
      const hit = body.aml === 'match' ? AML_HITS[randomInt(AML_HITS.length)] : null
      repo.inTransaction(() => {
        if (!repo.complete(id, at, submissionId)) throw notSent(inv, 'completed')
        repo.insertSubmission({
          id: submissionId,
          invitationId: inv.id,
          customerEmail: inv.customerEmail,
          workflowId: inv.workflowId,
          workflowName: inv.workflowName,
          responses,
          amlResult: hit ? 'match' : 'clear',
          at
        })
        if (hit) {
          const name = [responses.firstName, responses.lastName].filter((p) => typeof p === 'string').join(' ')
          repo.insertMatch({
            id: newId('aml'),
            submissionId,
            ...hit,
            // Two decimals between 0.80 and 0.99: what a screening provider reports for a real hit.
            matchScore: (80 + randomInt(20)) / 100,
            matchedName: name || inv.customerEmail,
            createdAt: at
          })
        }
      })
      const sub = mustSubmission(submissionId)
      const { submittedAt: _submitted, ...createdData } = submissionData(sub, { status: 'created', createdAt: docTime(at) })
      const events: PendingEvent[] = [
        payload('submission.created', createdData),
        // Inferred: a customer who saves before submitting causes one update in between.
        ...(body.savesProgress
          ? [payload('submission.updated', submissionData(sub, { status: 'in_progress', updatedAt: docTime(at), responses: sub.responses }))]
          : []),
        payload('submission.completed', submissionData(sub, { responses: sub.responses })),
        payload('aml.screening.completed', {
          submissionId: sub.id,
          status: 'completed',
          matchCount: sub.amlMatches.length,
          riskLevel: sub.amlMatches[0]?.riskLevel ?? 'low',
          completedAt: docTime(at)
        }),
        ...sub.amlMatches.map((m) => payload('aml.match.found', matchData(m)))
      ]
      return { result: sub, events: queue(events, cause) }
    },

    dismissMatch(id: string, body: { reason?: string }, cause: string | null = null): Caused<AmlMatch> {
      const match = repo.match(id)
      if (!match) throw notFound('AML match', id)
      const at = iso()
      if (!repo.dismiss(id, at, body.reason ?? null)) {
        throw new WorkbenchError('conflict', `AML match ${id} is already dismissed`)
      }
      const dismissed = repo.match(id) as AmlMatch
      const data = matchData(dismissed, { status: 'dismissed', dismissedAt: docTime(at), reason: body.reason ?? 'False positive' })
      return { result: dismissed, events: queue([payload('aml.match.dismissed', data)], cause) }
    },

    /**
     * status approved|rejected emits submission.approved|rejected; any other change (responses,
     * in_review) emits submission.updated, before the decision when a patch has both.
     */
    patchSubmission(id: string, body: PatchSubmissionBody, cause: string | null = null): Caused<Submission> {
      const sub = mustSubmission(id)
      const deciding = body.status === 'approved' || body.status === 'rejected'
      if ((sub.status === 'approved' || sub.status === 'rejected') && body.status !== undefined) {
        throw new WorkbenchError('conflict', `submission ${id} is already ${sub.status}: a decision is final`)
      }
      const at = iso()
      const otherChange = body.responses !== undefined || body.status === 'in_review' || (body.rejectionReason !== undefined && !deciding)
      const status = body.status ?? sub.status
      repo.updateSubmission({
        id,
        status,
        responses: body.responses ?? sub.responses,
        rejectionReason: body.rejectionReason ?? (body.status === 'rejected' ? 'Rejected by a reviewer' : sub.rejectionReason),
        updatedAt: at,
        reviewedAt: deciding ? at : sub.reviewedAt
      })
      const updated = mustSubmission(id)
      const events: PendingEvent[] = []
      if (otherChange) {
        // With a decision in the same patch, the update comes first and still shows the old status.
        const interim = deciding ? { ...updated, status: sub.status } : updated
        events.push(payload('submission.updated', submissionData(interim, { updatedAt: docTime(at), responses: updated.responses })))
      }
      if (body.status === 'approved') events.push(payload('submission.approved', submissionData(updated, { reviewedAt: docTime(at) })))
      if (body.status === 'rejected') {
        events.push(
          payload('submission.rejected', submissionData(updated, { reviewedAt: docTime(at), rejectionReason: updated.rejectionReason }))
        )
      }
      return { result: updated, events: queue(events, cause) }
    },

    expireInvitation: expire,

    /** Expires every sent invitation whose time has come; each emits invitation.expired. */
    expireDue(cause: string | null = null): Invitation[] {
      const out: Invitation[] = []
      for (const id of repo.dueInvitations(iso())) {
        try {
          out.push(expire(id, cause).result)
        } catch {
          // Another process (the app beside the CLI) expired it first: it emitted the event.
        }
      }
      return out
    },
    nextExpiry: () => repo.nextExpiry(),

    getInvitation: mustInvitation,
    listInvitations(q: ListInvitationsQuery): Page<Invitation> {
      const page = repo.listInvitations(q)
      if (!page) throw badCursor(q.cursor)
      return page
    },
    getSubmission: mustSubmission,
    listSubmissions(q: ListSubmissionsQuery): Page<Submission> {
      const page = repo.listSubmissions(q)
      if (!page) throw badCursor(q.cursor)
      return page
    },
    emittedEvents: (limit = 100) => repo.emittedEvents(limit)
  }
}

function badCursor(cursor: string | undefined): WorkbenchError {
  return new WorkbenchError('bad-input', `cursor ${JSON.stringify(cursor)} is not an id from this list: pass the nextCursor of the previous page`, {
    field: 'cursor'
  })
}

export type PlatformOperations = ReturnType<typeof createOperations>
