import { describe, expect, it } from 'vitest'
import { formatDateTime, formatTime, spansDays } from '../../src/renderer/src/features/inbox/format'

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

  // Issue 10: one reused formatter, not toLocaleString() per row; the text is the same.
  it('writes the full local date and time as toLocaleString() does', () => {
    for (const iso of [today, yesterday, new Date(2026, 0, 1, 0, 0, 0).toISOString()]) expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString())
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('names the month in English without Intl', () => {
    const months = Array.from({ length: 12 }, (_, m) => formatTime(new Date(2025, m, 9, 8, 7, 6).toISOString(), now))
    expect(months).toEqual(Array.from({ length: 12 }, (_, m) => `${new Date(2025, m, 9).toLocaleString('en', { month: 'short' })} 9 08:07:06`))
  })
})
