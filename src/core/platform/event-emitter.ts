/**
 * How the mock platform's events leave: through the one sender, like every other webhook the
 * Workbench sends (signed with the current API secret over the exact bytes, one delivery per
 * active endpoint, logged in Deliveries and retried on the retry schedule).
 *
 * Events go out one after another, in the order the platform caused them: the next event's
 * first attempts start only after the previous event's first attempts finished, so a
 * consumer sees submission.created before submission.completed. (Retries run later, on
 * their own schedule, as with the real platform; the docs tell consumers to expect that.)
 * The API answers without waiting for the deliveries; `idle()` says when they are done.
 */
import { messageOf } from '../../shared/errors'
import type { EventName } from '../../shared/models'
import { sign } from '../signing'
import type { PlatformRepo } from './platform-repo'

export interface EmitterDeps {
  repo: PlatformRepo
  currentSecret(): string | null
  deliver(args: { body: Buffer; event: string; signature: string; origin: { kind: 'platform'; id: string | null } }): Promise<{ messageId: string }>
}

export interface PendingEvent {
  event: EventName
  payload: Record<string, unknown>
}

export interface EventEmitter {
  /** Queues `events` in order; `cause` names what caused them (an API request id, or a UI action). */
  emit(events: PendingEvent[], cause: string | null): void
  /** Resolves once every queued event has been handed to the sender and first attempted. */
  idle(): Promise<void>
}

export function createEventEmitter(deps: EmitterDeps): EventEmitter {
  let tail: Promise<void> = Promise.resolve()

  async function sendOne(pending: PendingEvent, cause: string | null): Promise<void> {
    const body = Buffer.from(JSON.stringify(pending.payload), 'utf8')
    const createdAt = new Date().toISOString()
    const record = (messageId: string | null, error: string | null): void => {
      try {
        deps.repo.insertEvent({ event: pending.event, body, cause, messageId, error, createdAt })
      } catch {
        // The database is closing: the event was still delivered or reported.
      }
    }
    const secret = deps.currentSecret()
    if (!secret) return record(null, 'not sent: no API secret (create credentials first)')
    try {
      const result = await deps.deliver({
        body,
        event: pending.event,
        signature: sign(body, secret),
        origin: { kind: 'platform', id: cause }
      })
      record(result.messageId, null)
    } catch (err) {
      // Typically "no active endpoint": the platform's state changed all the same, as it would at Smart KYC.
      record(null, `not sent: ${messageOf(err)}`)
    }
  }

  return {
    emit(events, cause) {
      for (const e of events) tail = tail.then(() => sendOne(e, cause))
    },
    idle: () => tail
  }
}
