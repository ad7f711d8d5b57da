/**
 * The retry schedule: the first attempt goes out immediately, then one retry after each
 * delay of the schedule, each counted from the end of the previous attempt, so the delays
 * add up (5, 30, 120 retries at about +5 s, +35 s, +2 min 35 s). Each delivery stores its own copy when it is created, so a change
 * in Settings affects new deliveries only, never one already under way.
 */

/** Attempts a delivery gets under `retryDelaysMs`: the first one plus one per delay. */
export function maxAttempts(retryDelaysMs: readonly number[]): number {
  return 1 + retryDelaysMs.length
}

/**
 * When the next automatic attempt is due after `attemptsMade` attempts failed, or null
 * when the schedule is exhausted (the delivery is then an error).
 */
export function nextAttemptTime(retryDelaysMs: readonly number[], attemptsMade: number, now: number): number | null {
  const delay = retryDelaysMs[attemptsMade - 1]
  return delay === undefined ? null : now + delay
}

/** Reads a stored schedule, falling back to "no retries" for a damaged cell. */
export function parseSchedule(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json)
    if (Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return value
  } catch {
    // fall through
  }
  return []
}
