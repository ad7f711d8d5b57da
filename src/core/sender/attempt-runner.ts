/**
 * Runs attempts for claimed deliveries: at most `concurrency` at once, each one read from
 * the outbox, sent, and written back (attempt row + delivery state in one transaction)
 * before anyone hears about it. First attempts of a send, retries and "retry now" all go
 * through here, so the concurrency limit and the shutdown rules hold for all of them.
 */
import { setMaxListeners } from 'node:events'
import fs from 'node:fs'
import type { Delivery } from '../../shared/models'
import { messageOf, notFound } from '../../shared/errors'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { DeliveryAgents } from './delivery-agents'
import { attemptDelivery, type AttemptResult } from './http-delivery'
import type { OutboxRepo } from './outbox-repo'
import type { AttemptRecord, DeliveryOutcome, DeliveryWork } from './outbox-rows'
import type { Db } from '../store/database'
import { groupCommit } from './group-commit'
import { LEASE_RENEW_MS } from './claim-lease'
import { nextAttemptTime } from './retry-schedule'

/** Characters of the last response body kept on the delivery row for list views. */
const LAST_RESPONSE_CHARS = 1024

export interface AttemptRunnerDeps {
  repo: OutboxRepo
  db: Db
  bus: EventBus
  /** PEM of the local CA (trusted for every HTTPS target), or null when it cannot be had. */
  localCaPem(): Promise<string | null>
  concurrency: number
  /** Connection pools shared by every attempt; closed (and later re-made on demand) by shutdown(). */
  agents: DeliveryAgents
  /** Called after each recorded attempt, so the worker can re-plan its timer. */
  onRecorded?(delivery: Delivery): void
}

export interface AttemptRunner {
  /**
   * Attempts a delivery the caller has claimed; resolves with its state after the attempt.
   * `work`, when the caller has just stored the delivery, spares reading it back.
   */
  run(id: string, work?: DeliveryWork): Promise<Delivery>
  /** The attempt in flight for `id` in this process, if any. */
  inFlight(id: string): Promise<Delivery> | undefined
  inFlightIds(): ReadonlySet<string>
  /** Slots not taken by running or queued attempts. */
  freeSlots(): number
  /** Waits up to `graceMs` for attempts in flight, then aborts the rest and gives their claims back. */
  shutdown(graceMs: number): Promise<void>
}

export function createAttemptRunner(deps: AttemptRunnerDeps): AttemptRunner {
  const running = new Map<string, Promise<Delivery>>()
  const waiting: Array<() => void> = []
  let active = 0
  // Every attempt in flight listens to the shutdown signal; more than Node's default 10 is expected.
  const newShutdownController = (): AbortController => {
    const c = new AbortController()
    setMaxListeners(deps.concurrency + 16, c.signal)
    return c
  }
  let shutdownController = newShutdownController()
  // Attempts that finish in the same turn share one commit; each is reported after it.
  const recordAttempt = groupCommit(deps.db, (args: { attempt: AttemptRecord; outcome: DeliveryOutcome; before: Delivery }) =>
    deps.repo.recordAttempt(args.attempt, args.outcome, args.before)
  )

  // Claims held here are renewed by one timer for all of them, from run() on (including
  // while an attempt queues for a slot): a claim left unrenewed for its timeout plus
  // LEASE_MARGIN_MS is taken to be a crashed process's.
  let renewTimer: NodeJS.Timeout | null = null
  const renewClaims = (): void => {
    const now = new Date().toISOString()
    for (const id of running.keys()) {
      try {
        deps.repo.touch(id, now)
      } catch {
        // A closing database: the attempt's own write will report it.
      }
    }
  }
  const watchClaims = (): void => {
    if (renewTimer || running.size === 0) return
    renewTimer = setInterval(renewClaims, LEASE_RENEW_MS)
    renewTimer.unref()
  }
  const unwatchClaims = (): void => {
    if (!renewTimer || running.size > 0) return
    clearInterval(renewTimer)
    renewTimer = null
  }

  /** Takes a slot; true when it had to queue for one. */
  const acquire = async (): Promise<boolean> => {
    if (active < deps.concurrency) {
      active++
      return false
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
    return true
  }
  const releaseSlot = (): void => {
    const next = waiting.shift()
    if (next) next()
    else active--
  }

  const extraCaFor = async (work: DeliveryWork): Promise<string[] | string> => {
    if (!work.delivery.url.startsWith('https:')) return []
    const out: string[] = []
    const local = await deps.localCaPem().catch(() => null)
    if (local) out.push(local)
    if (work.caFile) {
      try {
        out.push(fs.readFileSync(work.caFile, 'utf8'))
      } catch (err) {
        return `cannot read the CA file ${work.caFile}: ${messageOf(err)}: fix the path or remove it from the target`
      }
    }
    return out
  }

  const outcomeOf = (work: DeliveryWork, result: AttemptResult, number: number): DeliveryOutcome => {
    const lastResponse =
      result.responseCode === null ? null : result.responseBody.subarray(0, LAST_RESPONSE_CHARS * 4).toString('utf8').slice(0, LAST_RESPONSE_CHARS)
    if (result.outcome === 'success') {
      return { status: 'success', nextAttemptAt: null, lastResponseCode: result.responseCode, lastResponse, lastError: null }
    }
    const next = nextAttemptTime(work.retryScheduleMs, number, Date.now())
    return {
      status: next === null ? 'error' : 'pending',
      nextAttemptAt: next === null ? null : new Date(next).toISOString(),
      lastResponseCode: result.responseCode,
      lastResponse,
      lastError: result.error
    }
  }

  const attempt = async (id: string, given: DeliveryWork | undefined): Promise<Delivery> => {
    const queued = await acquire()
    try {
      const work = given ?? deps.repo.getWork(id)
      if (!work) throw notFound('delivery', id)
      // Every claim stamps updated_at; only a claim that queued for a slot needs it renewed now.
      if (queued) deps.repo.touch(id, new Date().toISOString())
      const number = work.delivery.attemptCount + 1
      const ca = await extraCaFor(work)
      const result: AttemptResult =
        typeof ca === 'string'
          ? {
              startedAt: new Date().toISOString(),
              durationMs: 0,
              responseCode: null,
              responseHeaders: [],
              responseBody: Buffer.alloc(0),
              responseTruncated: false,
              error: ca,
              outcome: 'error',
              aborted: false
            }
          : await attemptDelivery({
              url: work.delivery.url,
              headers: work.requestHeaders,
              body: work.body,
              timeoutMs: work.timeoutMs,
              insecureTls: work.insecureTls,
              extraCa: ca,
              signal: shutdownController.signal,
              agents: deps.agents
            })
      if (result.aborted) {
        // Stopped mid-attempt: no verdict, so no attempt row; the next start makes it again.
        deps.repo.release(id, new Date().toISOString())
        return deps.repo.getDelivery(id) ?? work.delivery
      }
      const { aborted: _aborted, ...fields } = result
      const { delivery, attempt: stored } = await recordAttempt({
        attempt: { ...fields, id: newId('att'), deliveryId: id, number, requestUrl: work.delivery.url, requestHeaders: work.requestHeaders },
        outcome: outcomeOf(work, result, number),
        before: work.delivery
      })
      deps.bus.emit('attempt.finished', stored)
      deps.bus.emit('delivery.updated', delivery)
      deps.onRecorded?.(delivery)
      return delivery
    } finally {
      releaseSlot()
    }
  }

  return {
    run(id, work) {
      const existing = running.get(id)
      if (existing) return existing
      const promise = attempt(id, work).finally(() => {
        running.delete(id)
        unwatchClaims()
      })
      running.set(id, promise)
      watchClaims()
      return promise
    },
    inFlight: (id) => running.get(id),
    inFlightIds: () => new Set(running.keys()),
    freeSlots: () => Math.max(0, deps.concurrency - running.size),
    async shutdown(graceMs) {
      const settle = (ms: number): Promise<unknown> =>
        Promise.race([Promise.allSettled([...running.values()]), new Promise((r) => setTimeout(r, ms).unref())])
      await settle(graceMs)
      if (running.size > 0) {
        shutdownController.abort()
        await settle(2_000)
        // A later start (same process) must not find every new attempt pre-aborted.
        shutdownController = newShutdownController()
      }
      // Idle keep-alive connections end with the sender; a later attempt opens new ones.
      await deps.agents.close()
    }
  }
}
