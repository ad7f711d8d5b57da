import { describe, expect, it } from 'vitest'
import { formatTime, spansDays } from '../../src/renderer/src/features/inbox/format'

// Issue 6, item 16: rows that span days must say which day, today's rows included.
describe('list row times', () => {
  const now = new Date(2026, 11, 2, 15, 0, 0)
  const today = new Date(2026, 11, 2, 14, 3, 7, 125).toISOString()
  const yesterday = new Date(2026, 11, 1, 23, 59, 1).toISOString()

  it('shows only the time for today, unless asked for the date', () => {
    expect(formatTime(today, now)).toBe('14:03:07.125')
    expect(formatTime(today, now, true)).toBe('Dec 2 14:03:07')
    expect(formatTime(yesterday, now)).toBe('Dec 1 23:59:01')
  })

  it('tells whether times fall on more than one local day', () => {
    expect(spansDays([])).toBe(false)
    expect(spansDays([today, today])).toBe(false)
    expect(spansDays([today, yesterday])).toBe(true)
    expect(spansDays(['not a date', today])).toBe(false)
  })
})
