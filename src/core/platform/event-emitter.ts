/**
 * How the mock platform's events leave: through the one sender, like every other webhook the
 * Workbench sends (signed with the current API secret over the exact bytes, one delivery per
 * active endpoint, logged in Deliveries and retried on the retry schedule).
 *
 * Each event is first recorded in platform_events, in the same tick as the state change that
 * caused it, and only then handed to the sender; a process that stops in between leaves it
 * unsent, and `resume()` (run when the API starts) sends it then. So an API answer never
 * promises an event that is lost (at worst one is sent twice, which the docs warn about).
 *
 * Events go out one after another, in the order the platform caused them: the next event's
 * first attempts start only after the previous event's first attempts finished, so a
 * consumer sees submission.created before submission.completed. (Retries run later, on
 * their own schedule, as with the real platform.) The API answers without waiting for the
 * deliveries; `idle()` says when they are done.
 */
import { messageOf } from '../../shared/errors'
import type { EventName } from '../../shared/models'
import type { AdHocTarget } from '../../shared/contract'
import type { SendResult } from '../sender'
import { sign } from '../signing'
import type { PlatformRepo } from './platform-repo'

export interface EmitterDeps {
  repo: PlatformRepo
  currentSecret(): string | null
  deliver(args: {
    body: Buffer
    event: string
    signature: string
    origin: { kind: 'platform'; id: string | null }
    endpointIds?: string[]
    to?: AdHocTarget[]
  }): Promise<SendResult>
}

/** Where one run's events go instead of every active endpoint (a scenario's --to / --endpoint). */
export interface Route {
  endpointIds?: string[]
  to?: AdHocTarget[]
}

/** An event recorded in platform_events but handed to a diverter instead of the queue. */
export interface RecordedEvent {
  seq: number
  event: EventName
  body: Buffer
  cause: string
}

export interface PendingEvent {
  event: EventName
  payload: Record<string, unknown>
}

export interface EventEmitter {
  /** Records `events` and queues them in order; `cause` names what caused them (an API request id, a UI action). */
  emit(events: PendingEvent[], cause: string | null): void
  /** Queues the events recorded earlier but never sent (the process stopped first). */
  resume(): void
  /** Resolves once every queued event has been handed to the sender and first attempted. */
  idle(): Promise<void>
  /**
   * Events caused with this `cause` are recorded as usual but handed to `handler` instead of
   * the queue (a scenario run schedules its own deliveries, with chaos); returns the undo.
   */
  divert(cause: string, handler: (event: RecordedEvent) => void): () => void
  /**
   * Sends one recorded event through the sender now, to `route` (default: every active
   * endpoint). `record` false sends it again without touching its row (a chaos duplicate:
   * same bytes, same signature).
   */
  send(event: RecordedEvent, route: Route, record: boolean): Promise<SendResult>
}

export function createEventEmitter(deps: EmitterDeps): EventEmitter {
  let tail: Promise<void> = Promise.resolve()
  // Recorded by this process and queued: resume() must not queue them a second time.
  const queued = new Set<number>()

  const diverters = new Map<string, (event: RecordedEvent) => void>()

  async function sendOne(seq: number, event: string, body: Buffer, cause: string | null, route: Route = {}, record = true): Promise<SendResult> {
    const mark = (messageId: string | null, error: string | null): void => {
      queued.delete(seq)
      if (!record) return
      try {
        deps.repo.markEvent(seq, messageId, error)
      } catch {
        // The database is closing: the event was still delivered or reported.
      }
    }
    const secret = deps.currentSecret()
    if (!secret) {
      mark(null, 'not sent: no API secret (create credentials first)')
      throw new Error('no API secret: create credentials first')
    }
    try {
      const result = await deps.deliver({ body, event, signature: sign(body, secret), origin: { kind: 'platform', id: cause }, ...route })
      mark(result.messageId, null)
      return result
    } catch (err) {
      // Typically "no active endpoint": the platform's state changed all the same, as it would at Smart KYC.
      mark(null, `not sent: ${messageOf(err)}`)
      throw err
    }
  }

  function enqueue(seq: number, event: string, body: Buffer, cause: string | null): void {
    queued.add(seq)
    tail = tail.then(() => sendOne(seq, event, body, cause).then(
      () => undefined,
      () => undefined
    ))
  }

  return {
    emit(events, cause) {
      for (const e of events) {
        const body = Buffer.from(JSON.stringify(e.payload), 'utf8')
        const seq = deps.repo.insertEvent({ event: e.event, body, cause, createdAt: new Date().toISOString() })
        const diverter = cause === null ? undefined : diverters.get(cause)
        if (diverter && cause !== null) {
          // Counted as queued, so resume() in this process does not send it behind the run's back.
          queued.add(seq)
          diverter({ seq, event: e.event, body, cause })
        } else enqueue(seq, e.event, body, cause)
      }
    },
    resume() {
      for (const row of deps.repo.unsentEvents()) {
        if (!queued.has(row.seq)) enqueue(row.seq, row.event, Buffer.from(row.body), row.cause)
      }
    },
    idle: () => tail,
    divert(cause, handler) {
      diverters.set(cause, handler)
      return () => {
        if (diverters.get(cause) === handler) diverters.delete(cause)
      }
    },
    send: (e, route, record) => sendOne(e.seq, e.event, e.body, e.cause, route, record)
  }
}
