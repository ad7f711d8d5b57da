/**
 * The retry schedule as people type it ("5, 30, 120, 600" seconds) and as the engine keeps
 * it (milliseconds). Each wait is counted from the previous attempt, so the waits add up:
 * 5, 30, 120 retries at +5 s, +35 s and +2 min 35 s after the first attempt.
 */
import { MAX_RETRIES, MAX_RETRY_WAIT_MS } from '../../../../shared/models'

/** Longest single wait, in the seconds people type (the limit itself lives in the model). */
const MAX_SECONDS = MAX_RETRY_WAIT_MS / 1000

export function formatSchedule(ms: number[]): string {
  return ms.map((m) => String(Math.round(m / 100) / 10)).join(', ')
}

/** Parses "5, 30, 120"; returns milliseconds or an error that names the bad part. */
export function parseSchedule(text: string): { ms: number[]; error: null } | { ms: null; error: string } {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length === 1 && parts[0] === '') return { ms: [], error: null }
  const ms: number[] = []
  for (const p of parts) {
    if (p === '') return { ms: null, error: 'Remove the empty entry between two commas' }
    if (!/^\d+(\.\d+)?$/.test(p)) return { ms: null, error: `"${p}" is not a number of seconds: write e.g. 5, 30, 120` }
    const seconds = Number(p)
    if (seconds > MAX_SECONDS) return { ms: null, error: `${p} s is longer than a day: use at most ${MAX_SECONDS}` }
    ms.push(Math.round(seconds * 1000))
  }
  if (ms.length > MAX_RETRIES) return { ms: null, error: `${ms.length} retries is too many: list at most ${MAX_RETRIES}` }
  for (let i = 1; i < ms.length; i++) {
    if (ms[i] < ms[i - 1]) return { ms: null, error: `The waits must not shrink: ${parts[i]} comes after ${parts[i - 1]}` }
  }
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
