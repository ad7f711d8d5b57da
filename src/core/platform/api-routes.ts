/**
 * The mock platform's REST API as plain data: each route's method, path, request schemas,
 * answer and the events it causes. The server validates with these schemas and the OpenAPI
 * document is generated from them; the handlers (api-handlers.ts) implement them.
 *
 * The paths are inferred: the docs say the API retrieves submissions, creates invitations,
 * updates submissions and queries data, and show no paths. /v1/simulate/* is not part of
 * Smart KYC at all: it stands in for the customer, who would use Smart KYC's own pages.
 */
import type { z } from 'zod'
import type { EventName } from '../../shared/models'
import {
  AmlMatch,
  CancelInvitationBody,
  CompleteInvitationBody,
  CreateInvitationBody,
  DismissMatchBody,
  Invitation,
  ListInvitationsQuery,
  ListSubmissionsQuery,
  PatchSubmissionBody,
  Submission,
  pageOf
} from '../../shared/platform-models'

export type HttpMethod = 'GET' | 'POST' | 'PATCH'

export interface RouteDef {
  operationId: string
  method: HttpMethod
  /** OpenAPI-style template: `/v1/invitations/{id}`. */
  path: string
  summary: string
  tag: 'Invitations' | 'Submissions' | 'Simulate'
  body?: z.ZodType
  query?: z.ZodType
  status: number
  answer: z.ZodType
  emits: EventName[]
  /** True where the docs describe the capability (never the path: no path is documented). */
  documented: boolean
}

export const ROUTES: readonly RouteDef[] = [
  {
    operationId: 'createInvitation',
    method: 'POST',
    path: '/v1/invitations',
    summary: 'Create an invitation: the customer is invited to a KYC workflow.',
    tag: 'Invitations',
    body: CreateInvitationBody,
    status: 201,
    answer: Invitation,
    emits: ['invitation.sent'],
    documented: true
  },
  {
    operationId: 'listInvitations',
    method: 'GET',
    path: '/v1/invitations',
    summary: 'List invitations, newest first.',
    tag: 'Invitations',
    query: ListInvitationsQuery,
    status: 200,
    answer: pageOf(Invitation),
    emits: [],
    documented: true
  },
  {
    operationId: 'getInvitation',
    method: 'GET',
    path: '/v1/invitations/{id}',
    summary: 'Read one invitation.',
    tag: 'Invitations',
    status: 200,
    answer: Invitation,
    emits: [],
    documented: true
  },
  {
    operationId: 'cancelInvitation',
    method: 'POST',
    path: '/v1/invitations/{id}/cancel',
    summary: 'Cancel a sent invitation.',
    tag: 'Invitations',
    body: CancelInvitationBody,
    status: 200,
    answer: Invitation,
    emits: ['invitation.cancelled'],
    documented: false
  },
  {
    operationId: 'listSubmissions',
    method: 'GET',
    path: '/v1/submissions',
    summary: 'List submissions, newest first, optionally by status.',
    tag: 'Submissions',
    query: ListSubmissionsQuery,
    status: 200,
    answer: pageOf(Submission),
    emits: [],
    documented: true
  },
  {
    operationId: 'getSubmission',
    method: 'GET',
    path: '/v1/submissions/{id}',
    summary: 'Read one submission, with its AML matches.',
    tag: 'Submissions',
    status: 200,
    answer: Submission,
    emits: [],
    documented: true
  },
  {
    operationId: 'updateSubmission',
    method: 'PATCH',
    path: '/v1/submissions/{id}',
    summary: 'Approve, reject or update a submission.',
    tag: 'Submissions',
    body: PatchSubmissionBody,
    status: 200,
    answer: Submission,
    emits: ['submission.approved', 'submission.rejected', 'submission.updated'],
    documented: true
  },
  {
    operationId: 'simulateCompletion',
    method: 'POST',
    path: '/v1/simulate/invitations/{id}/complete',
    summary: "Mock only: the customer completes the invitation's workflow; the AML screening runs.",
    tag: 'Simulate',
    body: CompleteInvitationBody,
    status: 201,
    answer: Submission,
    emits: ['submission.created', 'submission.completed', 'aml.screening.completed', 'aml.match.found'],
    documented: false
  },
  {
    operationId: 'simulateDismissal',
    method: 'POST',
    path: '/v1/simulate/aml-matches/{id}/dismiss',
    summary: 'Mock only: a reviewer dismisses an AML match as a false positive.',
    tag: 'Simulate',
    body: DismissMatchBody,
    status: 200,
    answer: AmlMatch,
    emits: ['aml.match.dismissed'],
    documented: false
  }
]

/** The route for a method and path, with its path parameters; or which methods the path allows. */
export function matchRoute(
  method: string,
  pathname: string
): { route: RouteDef; params: Record<string, string> } | { allowed: HttpMethod[] } | null {
  const segments = pathname.replace(/\/+$/, '').split('/')
  const allowed: HttpMethod[] = []
  for (const route of ROUTES) {
    const template = route.path.split('/')
    if (template.length !== segments.length) continue
    const params: Record<string, string> = {}
    let ok = true
    for (let i = 0; i < template.length && ok; i++) {
      const t = template[i]
      if (t.startsWith('{')) {
        try {
          params[t.slice(1, -1)] = decodeURIComponent(segments[i])
        } catch {
          ok = false
        }
        if (segments[i] === '') ok = false
      } else if (t !== segments[i]) ok = false
    }
    if (!ok) continue
    if (route.method === method) return { route, params }
    allowed.push(route.method)
  }
  return allowed.length ? { allowed } : null
}
