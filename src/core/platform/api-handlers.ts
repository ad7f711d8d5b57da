/**
 * What each API route does, over the platform's operations (api-routes.ts holds what each
 * route accepts and answers). Inputs arrive already validated by the route's schemas.
 */
import type { EventName } from '../../shared/models'
import type {
  CompleteInvitationBody,
  CreateInvitationBody,
  ListInvitationsQuery,
  ListSubmissionsQuery,
  PatchSubmissionBody
} from '../../shared/platform-models'
import type { PlatformOperations } from './operations'

export interface HandlerInput {
  params: Record<string, string>
  body: unknown
  query: unknown
  /** The request's id in the API log: the cause recorded with each event it emits. */
  requestId: string
}

export interface HandlerOutput {
  body: unknown
  events: EventName[]
}

export type Handler = (input: HandlerInput) => HandlerOutput

const read = (body: unknown): HandlerOutput => ({ body, events: [] })

export function createHandlers(ops: PlatformOperations): Record<string, Handler> {
  return {
    createInvitation: ({ body, requestId }) => {
      const { result, events } = ops.createInvitation(body as CreateInvitationBody, requestId)
      return { body: result, events }
    },
    listInvitations: ({ query }) => read(ops.listInvitations(query as ListInvitationsQuery)),
    getInvitation: ({ params }) => read(ops.getInvitation(params.id)),
    cancelInvitation: ({ params, body, requestId }) => {
      const { result, events } = ops.cancelInvitation(params.id, body as { reason?: string }, requestId)
      return { body: result, events }
    },
    listSubmissions: ({ query }) => read(ops.listSubmissions(query as ListSubmissionsQuery)),
    getSubmission: ({ params }) => read(ops.getSubmission(params.id)),
    updateSubmission: ({ params, body, requestId }) => {
      const { result, events } = ops.patchSubmission(params.id, body as PatchSubmissionBody, requestId)
      return { body: result, events }
    },
    simulateCompletion: ({ params, body, requestId }) => {
      const { result, events } = ops.completeInvitation(params.id, body as CompleteInvitationBody, requestId)
      return { body: result, events }
    },
    simulateDismissal: ({ params, body, requestId }) => {
      const { result, events } = ops.dismissMatch(params.id, body as { reason?: string }, requestId)
      return { body: result, events }
    }
  }
}
