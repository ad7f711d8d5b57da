/**
 * Decides how a listener answers one request, from its ResponseRule. Pure except for the
 * random draw (injectable), so every branch is testable.
 *
 * Order: the socket-level modes (`timeout`, `reset`) win; then `failFirst` (the first N
 * attempts of each body); then `failureRate`; otherwise the normal reply.
 */
import type { HeaderPair, ResponseRule } from '../../shared/models'

export type Decision =
  | { kind: 'reply'; status: number; headers: HeaderPair[]; body: string; delayMs: number; simulated: null }
  | {
      kind: 'reply'
      status: number
      headers: HeaderPair[]
      body: string
      delayMs: number
      /** Why this is a deliberate failure rather than the rule's normal answer. */
      simulated: 'fail-first' | 'failure-rate'
    }
  | { kind: 'timeout'; delayMs: number }
  | { kind: 'reset'; delayMs: number }

const FAILURE_HEADERS: HeaderPair[] = [['Content-Type', 'application/json']]

/**
 * @param attempt 1 for the first request with this body since the listener started, 2 for the second, ...
 * @param random a number in [0, 1)
 */
export function decideResponse(rule: ResponseRule, attempt: number, random: number = Math.random()): Decision {
  if (rule.mode === 'timeout') return { kind: 'timeout', delayMs: rule.delayMs }
  if (rule.mode === 'reset') return { kind: 'reset', delayMs: rule.delayMs }
  if (attempt <= rule.failFirst) {
    return {
      kind: 'reply',
      status: rule.failureStatus,
      headers: FAILURE_HEADERS,
      body: JSON.stringify({
        error: 'simulated failure',
        reason: `failFirst: attempt ${attempt} of the first ${rule.failFirst} with this body fails`
      }),
      delayMs: rule.delayMs,
      simulated: 'fail-first'
    }
  }
  if (rule.failureRate > 0 && random < rule.failureRate) {
    return {
      kind: 'reply',
      status: rule.failureStatus,
      headers: FAILURE_HEADERS,
      body: JSON.stringify({ error: 'simulated failure', reason: `failureRate ${rule.failureRate}` }),
      delayMs: rule.delayMs,
      simulated: 'failure-rate'
    }
  }
  return { kind: 'reply', status: rule.status, headers: rule.headers, body: rule.body, delayMs: rule.delayMs, simulated: null }
}
