/**
 * The sender: a local mock of Smart KYC's webhook delivery. Saved endpoints, a durable
 * outbox (messages, deliveries, attempts in SQLite), HTTPS delivery with undici, and a
 * worker that runs the retry schedule and resumes it after a restart.
 */
import type { Delivery, DeliveryDetail, Settings } from '../../shared/models'
import type { EventBus } from '../event-bus'
import type { Db } from '../store/database'
import type { LocalTls } from '../tls'
import type { ServiceOf } from '../../shared/workbench-api'
import { createAttemptRunner } from './attempt-runner'
import { createDeliveriesService } from './deliveries-service'
import { createDeliveryAgents } from './delivery-agents'
import { createEndpointsRepo } from './endpoints-repo'
import { createEndpointsService } from './endpoints-service'
import { createOutbox, type SendResult } from './outbox'
import { createOutboxRepo } from './outbox-repo'
import { createOutboxWorker } from './outbox-worker'
import { createSendService, type DeliverArgs } from './send-service'

export type { DeliverArgs } from './send-service'
export type { SendResult } from './outbox'
export { checkTargetUrl, isLocalHost } from './url-policy'
export { isConnectionManaged } from './header-policy'

/**
 * Attempts in flight at once across sends, retries and manual retries. 4 queued a burst of
 * concurrent sends behind each other (issue 10: a client sending 20 at a time got 0.09x a
 * bare loop); 32 covers a busy compose/CLI session while still bounding sockets per target.
 */
export const DELIVERY_CONCURRENCY = 32
/** How long stop() lets attempts in flight finish before aborting them (they resume on the next start). */
export const STOP_GRACE_MS = 3_000

export interface SenderDeps {
  db: Db
  bus: EventBus
  tls: { ensure(): Promise<LocalTls> }
  credentials: { currentSecret(): string | null }
  settings: { current(): Settings }
}

export interface Sender {
  /** Without `health`, which reads the attempts (core/health). */
  endpoints: Omit<ServiceOf<'endpoints'>, 'health'>
  send: ServiceOf<'send'>
  /** The delivery log; `curl` comes from the exchange service, which knows how to quote. */
  deliveries: Omit<ServiceOf<'deliveries'>, 'curl'>
  /**
   * Puts exact bytes in the outbox and makes each delivery's first attempt. With `headers`,
   * that list is sent as-is instead of Content-Type, the signature, User-Agent and custom headers.
   */
  deliver(args: DeliverArgs): Promise<SendResult>
  /** Deliveries with their attempts and bytes, for export; every delivery when `ids` is omitted. */
  getDeliveries(ids?: string[]): DeliveryDetail[]
  /** Starts the retry worker, first resuming deliveries cut off by a stop or a crash. */
  start(): void
  /** Stops the worker and waits (bounded) for attempts in flight. */
  stop(): Promise<void>
}

export function createSender(deps: SenderDeps): Sender {
  const endpointsRepo = createEndpointsRepo(deps.db)
  const repo = createOutboxRepo(deps.db)
  let caPem: Promise<string> | null = null
  const localCaPem = async (): Promise<string | null> => {
    // Cache only success: a CA that could not be made now may be made on a later attempt.
    caPem ??= deps.tls.ensure().then((t) => t.caCertPem)
    try {
      return await caPem
    } catch {
      caPem = null
      return null
    }
  }
  // The worker is created after the runner but the runner reports to it; a late-bound hook breaks the cycle.
  let onRecorded = (_delivery: Delivery): void => undefined
  const runner = createAttemptRunner({
    repo,
    db: deps.db,
    bus: deps.bus,
    localCaPem,
    concurrency: DELIVERY_CONCURRENCY,
    agents: createDeliveryAgents(),
    onRecorded: (delivery) => onRecorded(delivery)
  })
  // Deliveries that took their endpoint's state (paused, resumed, cancelled): tell the views, and
  // look for newly due work (a resumed delivery may be due at once).
  const announceFollowed = (ids: string[]): void => {
    for (const id of ids) {
      const delivery = repo.getDelivery(id)
      if (delivery) deps.bus.emit('delivery.updated', delivery)
    }
  }
  const worker = createOutboxWorker({ repo, runner, onFollowed: announceFollowed })
  onRecorded = (delivery) => worker.attemptFinished(delivery.status === 'pending')
  const followEndpoints = (): void => {
    announceFollowed(repo.followEndpoints(new Date().toISOString()))
    worker.poke()
  }
  const outbox = createOutbox({ repo, runner, bus: deps.bus, db: deps.db })
  const { send, deliver } = createSendService({
    endpoints: endpointsRepo,
    outbox,
    credentials: deps.credentials,
    settings: deps.settings
  })

  return {
    endpoints: createEndpointsService(endpointsRepo, deps.bus, followEndpoints),
    send,
    deliveries: createDeliveriesService({ repo, runner, outbox, bus: deps.bus, settings: deps.settings }),
    deliver,
    getDeliveries: (ids) => repo.details(ids),
    start: () => worker.start(),
    async stop() {
      worker.stop()
      await runner.shutdown(STOP_GRACE_MS)
    }
  }
}
