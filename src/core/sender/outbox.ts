/**
 * Putting a message into the outbox: the message and one delivery per target are written
 * first, in one transaction, and only then attempted. A crash between the two loses
 * nothing: the worker finds the claimed rows on the next start and attempts them.
 */
import type { MethodOutput } from '../../shared/contract'
import type { Delivery } from '../../shared/models'
import type { EventBus } from '../event-bus'
import type { Db } from '../store/database'
import type { AttemptRunner } from './attempt-runner'
import { groupCommit } from './group-commit'
import type { OutboxRepo } from './outbox-repo'
import { newDeliveryWork, type NewDelivery, type NewMessage } from './outbox-rows'

/** What a send, a resend and a replay answer: the message and each delivery after its first attempt. */
export type SendResult = MethodOutput<'send.event'>

export interface Outbox {
  /** Stores the message and its deliveries, then makes each delivery's first attempt. */
  submit(message: NewMessage, deliveries: NewDelivery[]): Promise<SendResult>
}

export function createOutbox(deps: { repo: OutboxRepo; runner: AttemptRunner; bus: EventBus; db: Db }): Outbox {
  // Sends made together share one commit; each still waits for it before any attempt.
  const store = groupCommit(deps.db, (args: { message: NewMessage; deliveries: NewDelivery[] }) =>
    deps.repo.createMessage(args.message, args.deliveries)
  )
  return {
    async submit(message, deliveries) {
      await store({ message, deliveries })
      // The rows are exactly what was just written (and claimed by us), so nothing is read back.
      const works = deliveries.map((d) => newDeliveryWork(message, d))
      for (const w of works) deps.bus.emit('delivery.updated', w.delivery)
      const results: Delivery[] = await Promise.all(works.map((w) => deps.runner.run(w.delivery.id, w)))
      // SendResult.signature is a string; an unsigned message (a replay of an unsigned capture) reports ''.
      return { messageId: message.id, signature: message.signature ?? '', deliveries: results }
    }
  }
}
