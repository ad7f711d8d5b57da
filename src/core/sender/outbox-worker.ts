/**
 * The outbox worker: wakes when the next retry is due (and at least every `pollMs`, so
 * retries written by another process on the same database are found too), claims due
 * deliveries up to the free attempt slots and hands them to the runner. Deliveries that
 * were waiting for a retry when the process stopped are simply due on the next start.
 */
import type { AttemptRunner } from './attempt-runner'
import { LEASE_MARGIN_MS } from './claim-lease'
import type { OutboxRepo } from './outbox-repo'

export interface OutboxWorker {
  /** Starts the timer; each tick also picks up claims abandoned by a crash. Idempotent. */
  start(): void
  /** Re-plans the timer (a retry was scheduled or a slot freed). */
  poke(): void
  /**
   * An attempt finished: re-plans only when that can change what is due now, i.e. it
   * scheduled a retry, or the last tick left due work unclaimed for lack of slots. A tick
   * runs five queries and a write transaction; after every successful send it bought
   * nothing and cost the sender about a third of its throughput (issue 10).
   */
  attemptFinished(retryScheduled: boolean): void
  /** Clears the timer; attempts in flight are the runner's to finish. */
  stop(): void
}

export function createOutboxWorker(deps: {
  repo: OutboxRepo
  runner: AttemptRunner
  pollMs?: number
  /** Called with the deliveries whose state changed to follow their endpoint (paused, resumed, cancelled). */
  onFollowed?(ids: string[]): void
}): OutboxWorker {
  const pollMs = deps.pollMs ?? 1_000
  let timer: NodeJS.Timeout | null = null
  let started = false
  // True when the last tick may have left due deliveries unclaimed (every slot was taken).
  let backlog = false

  const plan = (delayMs: number): void => {
    if (!started) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(tick, Math.max(0, Math.min(delayMs, pollMs)))
    // The worker alone never keeps a process alive; listeners and sockets do that.
    timer.unref()
  }

  function tick(): void {
    timer = null
    if (!started) return
    try {
      const now = new Date().toISOString()
      deps.repo.resumeStale(now, LEASE_MARGIN_MS)
      // Endpoints changed by another process on the same file (or a claim just resumed) are followed here.
      const followed = deps.repo.followEndpoints(now)
      if (followed.length > 0) deps.onFollowed?.(followed)
      const free = deps.runner.freeSlots()
      const claimed = deps.repo.claimDue(now, free, deps.runner.inFlightIds())
      backlog = free === 0 || claimed.length === free
      for (const id of claimed) {
        deps.runner
          .run(id)
          // The runner records failures as attempts; what lands here (a closed database
          // during shutdown) has nowhere better to go.
          .catch(() => undefined)
          .finally(() => plan(0))
      }
      if (deps.runner.freeSlots() === 0) {
        plan(pollMs)
        return
      }
      const next = deps.repo.nextDueAt()
      // A floor, so a row that is due but cannot be claimed right now never spins the loop.
      plan(next === null ? pollMs : Math.max(10, Date.parse(next) - Date.now()))
    } catch {
      // A busy or closing database: try again on the next poll rather than crash.
      plan(pollMs)
    }
  }

  return {
    start() {
      if (started) return
      started = true
      plan(0)
    },
    poke() {
      plan(0)
    },
    attemptFinished(retryScheduled) {
      if (retryScheduled || backlog) plan(0)
    },
    stop() {
      started = false
      if (timer) clearTimeout(timer)
      timer = null
    }
  }
}
