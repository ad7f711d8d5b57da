import { describe, expect, it } from 'vitest'
import { formatSchedule, parseSchedule } from '../../src/renderer/src/features/settings/retry-schedule'
import { resolveTheme } from '../../src/renderer/src/app/theme-resolve'

describe('retry schedule', () => {
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
    expect(parseSchedule('30, 5').error).toBe('The waits must not shrink: 5 comes after 30')
    expect(parseSchedule('100000').error).toContain('longer than a day')
    expect(parseSchedule(Array(21).fill('1').join(',')).error).toContain('too many')
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
