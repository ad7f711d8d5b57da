/**
 * deliveries.*: the delivery log (Smart KYC's Webhooks -> Logs), a manual "retry now" and
 * "resend" (a new message with the same bytes to the same target).
 */
import { WorkbenchError, notFound } from '../../shared/errors'
import type { Settings } from '../../shared/models'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { ServiceOf } from '../../shared/workbench-api'
import type { AttemptRunner } from './attempt-runner'
import type { Outbox } from './outbox'
import type { OutboxRepo } from './outbox-repo'
import { LEASE_MARGIN_MS } from './claim-lease'

export function createDeliveriesService(deps: {
  repo: OutboxRepo
  runner: AttemptRunner
  outbox: Outbox
  bus: EventBus
  settings: { current(): Settings }
}): Omit<ServiceOf<'deliveries'>, 'curl'> {
  return {
    async list(filter) {
      return deps.repo.list(filter)
    },

    async get({ id }) {
      const detail = deps.repo.detail(id)
      if (!detail) throw notFound('delivery', id)
      return detail
    },

    async retryNow({ id }) {
      // An attempt already running here is the one the caller wants to see finish.
      const running = deps.runner.inFlight(id)
      if (running) return running
      if (!deps.repo.getDelivery(id)) throw notFound('delivery', id)
      const now = new Date().toISOString()
      // A claim abandoned by a crashed process must not block a manual retry (the CLI runs no worker).
      deps.repo.resumeStale(now, LEASE_MARGIN_MS)
      if (!deps.repo.claimNow(id, now)) {
        throw new WorkbenchError(
          'conflict',
          `delivery ${id} has an attempt in flight in another Workbench process: wait for it to finish, then retry`
        )
      }
      const pending = deps.repo.getDelivery(id)
      if (pending) deps.bus.emit('delivery.updated', pending)
      return deps.runner.run(id)
    },

    async resend({ id }) {
      const work = deps.repo.getWork(id)
      if (!work) throw notFound('delivery', id)
      const d = work.delivery
      return deps.outbox.submit(
        {
          id: newId('msg'),
          event: d.event,
          body: work.body,
          signature: work.signature,
          createdAt: new Date().toISOString(),
          origin: { kind: 'resend-delivery', id }
        },
        [
          {
            id: newId('dlv'),
            endpointId: d.endpointId,
            endpointName: d.endpointName,
            url: d.url,
            // Exactly what the first delivery sent, signature header included.
            requestHeaders: work.requestHeaders,
            timeoutMs: work.timeoutMs,
            insecureTls: work.insecureTls,
            caFile: work.caFile,
            retryScheduleMs: [...deps.settings.current().retryScheduleMs]
          }
        ]
      )
    }
  }
}
