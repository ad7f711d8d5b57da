/**
 * The mock Smart KYC platform: its server state, the API's request log (live), and the
 * invitations and submissions, with the actions the Platform screen offers.
 */
import type { ApiRequestLog, Invitation, PlatformStatus, Submission } from '../../../shared/platform-models'
import { call } from '../api/client'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

/** Rows of the request log kept in memory; older ones stay in the database. */
export const MAX_REQUEST_ROWS = 500

export interface PlatformSlice {
  platform: {
    status: PlatformStatus | null
    requests: ApiRequestLog[]
    invitations: Invitation[]
    submissions: Submission[]
    loaded: boolean
    busy: boolean
    load(): Promise<void>
    loadState(): Promise<void>
    start(port: number): Promise<void>
    stop(): Promise<void>
    createInvitation(customerEmail: string): Promise<boolean>
    complete(invitationId: string, aml: 'clear' | 'match'): Promise<void>
    cancel(invitationId: string): Promise<void>
    dismissMatch(matchId: string): Promise<void>
    decide(submissionId: string, status: 'approved' | 'rejected'): Promise<void>
    applyRequests(rows: ApiRequestLog[]): void
    applyStatus(status: PlatformStatus): void
  }
}

export const createPlatformSlice: SliceCreator<PlatformSlice> = (set, get) => {
  const patch = nestedSetter(set, 'platform')
  // One resource for both reads: a newer read of either drops an older answer of the other.
  const state = serverResource()

  /** Runs one action; errors become a toast; the lists refresh through platform.changed. */
  async function act(what: string, run: () => Promise<unknown>, done?: string): Promise<boolean> {
    try {
      await run()
      if (done) get().app.toast('success', done)
      return true
    } catch (err) {
      get().app.reportError(err, what)
      return false
    }
  }

  return {
    platform: {
      status: null,
      requests: [],
      invitations: [],
      submissions: [],
      loaded: false,
      busy: false,

      load: () =>
        state.load(
          () =>
            Promise.all([
              call('platform.status', {}),
              call('platform.requests', { limit: 200 }),
              call('platform.invitations', { limit: 100 }),
              call('platform.submissions', { limit: 100 })
            ]),
          {
            data: ([status, requests, invitations, submissions]) => patch({ status, requests, invitations, submissions, loaded: true }),
            error: (err) => get().app.reportError(err, 'Loading the mock platform')
          }
        ),

      loadState: () =>
        state.load(() => Promise.all([call('platform.invitations', { limit: 100 }), call('platform.submissions', { limit: 100 })]), {
          data: ([invitations, submissions]) => patch({ invitations, submissions }),
          error: (err) => get().app.reportError(err, 'Loading invitations and submissions')
        }),

      async start(port) {
        patch({ busy: true })
        await act('Starting the mock platform', async () => patch({ status: await call('platform.start', { port, host: '127.0.0.1', rate: 100, burst: 200 }) }))
        patch({ busy: false })
      },

      async stop() {
        patch({ busy: true })
        await act('Stopping the mock platform', async () => patch({ status: await call('platform.stop', {}) }))
        patch({ busy: false })
      },

      createInvitation: (customerEmail) =>
        act('Creating the invitation', () => call('platform.createInvitation', { customerEmail }), `Invitation sent to ${customerEmail}`),
      complete: async (id, aml) => {
        await act('Completing the invitation', () => call('platform.complete', { id, aml }))
      },
      cancel: async (id) => {
        await act('Cancelling the invitation', () => call('platform.cancelInvitation', { id }))
      },
      dismissMatch: async (id) => {
        await act('Dismissing the match', () => call('platform.dismissMatch', { id }))
      },
      decide: async (id, status) => {
        await act(status === 'approved' ? 'Approving' : 'Rejecting', () => call('platform.updateSubmission', { id, patch: { status } }))
      },

      applyRequests(rows) {
        if (rows.length === 0) return
        // Events arrive oldest first; the log shows newest first.
        patch((s) => ({ requests: [...rows].reverse().concat(s.requests).slice(0, MAX_REQUEST_ROWS) }))
      },

      applyStatus(status) {
        patch({ status })
      }
    }
  }
}
