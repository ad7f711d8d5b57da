import { describe, expect, it } from 'vitest'
import { RetrySchedule } from '../../src/shared/models'
import { formatSchedule, formatSpan, parseSchedule, retryTimes } from '../../src/renderer/src/features/settings/retry-schedule'
import { resolveTheme } from '../../src/renderer/src/app/theme-resolve'

describe('retry schedule', () => {
  it('shows when each retry goes out: the waits add up, each counted from the previous attempt', () => {
    expect(retryTimes([5000, 30000, 120000])).toBe('+5 s, +35 s, +2 min 35 s')
    // The sender's nextAttemptTime counts each wait from the previous attempt: 2,4,6 succeeded at +12 s.
    expect(retryTimes([2000, 4000, 6000])).toBe('+2 s, +6 s, +12 s')
    expect(retryTimes([5000, 30000, 120000, 600000])).toBe('+5 s, +35 s, +2 min 35 s, +12 min 35 s')
    expect(retryTimes([])).toBe('')
    expect(formatSpan(500)).toBe('0.5 s')
    expect(formatSpan(3_600_000 + 120_000)).toBe('1 h 2 min')
  })

  it('parses seconds into milliseconds and formats them back', () => {
    expect(parseSchedule(' 5, 30,120 , 600')).toEqual({ ms: [5000, 30000, 120000, 600000], error: null })
    expect(parseSchedule('0.5')).toEqual({ ms: [500], error: null })
    expect(parseSchedule('')).toEqual({ ms: [], error: null })
    expect(formatSchedule([5000, 30000, 1500])).toBe('5, 30, 1.5')
  })

  it('names the bad entry and what to write instead', () => {
    expect(parseSchedule('5, soon')).toEqual({ ms: null, error: '"soon" is not a number of seconds: write e.g. 5, 30, 120' })
    expect(parseSchedule('5,,30').error).toBe('Remove the empty entry between two commas')
    expect(parseSchedule('-5').error).toContain('"-5" is not a number of seconds')
    // The limits are the model's RetrySchedule, in the words settings.update refuses with.
    expect(parseSchedule('30, 5').error).toBe('the waits must not shrink: 5000 ms comes after 30000 ms')
    expect(parseSchedule('100000').error).toBe('100000000 ms is longer than a day: use at most 86400000')
    expect(parseSchedule(Array(21).fill('1').join(',')).error).toBe('21 retries is too many: list at most 20')
    for (const text of ['30, 5', '100000', Array(21).fill('1').join(',')]) {
      const ms = text.split(',').map((p) => Number(p) * 1000)
      expect(parseSchedule(text).error).toBe(RetrySchedule.safeParse(ms).error?.issues[0].message)
    }
  })
})

describe('theme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
  })
})
