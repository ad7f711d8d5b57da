/**
 * The retry schedule as people type it ("5, 30, 120, 600" seconds) and as the engine keeps
 * it (milliseconds). Each wait is counted from the previous attempt, so the waits add up:
 * 5, 30, 120 retries at +5 s, +35 s and +2 min 35 s after the first attempt.
 */
import { RetrySchedule } from '../../../../shared/models'

export function formatSchedule(ms: number[]): string {
  return ms.map((m) => String(Math.round(m / 100) / 10)).join(', ')
}

/**
 * Parses "5, 30, 120"; returns milliseconds or an error that names the bad part. Reading the
 * text is the form's own; the limits (how many waits, how long, never shrinking) are the
 * model's RetrySchedule, so the form refuses what settings.update refuses, in its words.
 */
export function parseSchedule(text: string): { ms: number[]; error: null } | { ms: null; error: string } {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length === 1 && parts[0] === '') return { ms: [], error: null }
  const ms: number[] = []
  for (const p of parts) {
    if (p === '') return { ms: null, error: 'Remove the empty entry between two commas' }
    if (!/^\d+(\.\d+)?$/.test(p)) return { ms: null, error: `"${p}" is not a number of seconds: write e.g. 5, 30, 120` }
    ms.push(Math.round(Number(p) * 1000))
  }
  const checked = RetrySchedule.safeParse(ms)
  if (!checked.success) return { ms: null, error: checked.error.issues[0].message }
  return { ms, error: null }
}

/** "5 s", "2 min 35 s", "1 h 2 min": a span of time, largest unit first, zero parts left out. */
export function formatSpan(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ')
}

/**
 * When each retry goes out, counted from the first attempt: the running sum of the waits,
 * as the sender schedules them ("+5 s, +35 s, +2 min 35 s"). Ignores the time each attempt
 * itself takes (up to the endpoint's timeout), which comes on top.
 */
export function retryTimes(ms: readonly number[]): string {
  let at = 0
  return ms.map((wait) => `+${formatSpan((at += wait))}`).join(', ')
}
