import { describe, expect, it } from 'vitest'
import { captureSummary } from './fixtures'
import {
  EMPTY_FILTERS,
  matchesFilters,
  mergeLive,
  parseStatusFilter,
  removeDeleted,
  toCaptureFilter
} from '../../src/renderer/src/store/inbox-logic'

const capture = captureSummary

describe('inbox filters', () => {
  it('turns toolbar filters into a captures.list filter, leaving out the empty ones', () => {
    expect(toCaptureFilter(EMPTY_FILTERS)).toEqual({ limit: 200 })
    expect(
      toCaptureFilter({ listenerId: 'lis_1', event: 'aml.match.found', signature: 'invalid', schema: 'not-json', responseStatus: '500', q: '  sub_1 ' }, 42)
    ).toEqual({ limit: 200, listenerId: 'lis_1', event: 'aml.match.found', signature: 'invalid', schema: 'not-json', responseStatus: 500, q: 'sub_1', beforeSeq: 42 })
  })

  it('only treats a whole 3-digit HTTP status as a status filter', () => {
    expect(parseStatusFilter('404')).toBe(404)
    expect(parseStatusFilter('40')).toBeUndefined()
    expect(parseStatusFilter('999')).toBeUndefined()
    expect(parseStatusFilter('abc')).toBeUndefined()
  })

  it('matches live captures against every filter, and defers free text to the server', () => {
    const c = capture(1, { signature: 'invalid', responseStatus: 500 })
    expect(matchesFilters(c, EMPTY_FILTERS)).toBe(true)
    expect(matchesFilters(c, { ...EMPTY_FILTERS, signature: 'valid' })).toBe(false)
    expect(matchesFilters(c, { ...EMPTY_FILTERS, signature: 'invalid', responseStatus: '500' })).toBe(true)
    expect(matchesFilters(c, { ...EMPTY_FILTERS, responseStatus: '200' })).toBe(false)
    expect(matchesFilters(c, { ...EMPTY_FILTERS, listenerId: 'other' })).toBe(false)
    expect(matchesFilters(c, { ...EMPTY_FILTERS, q: 'sub' })).toBe('unknown')
    expect(matchesFilters(c, { ...EMPTY_FILTERS, q: 'sub', event: 'invitation.sent' })).toBe(false)
  })
})

describe('merging live captures', () => {
  it('prepends new captures newest first and skips ids already listed', () => {
    const list = [capture(3), capture(2)]
    const { items, added } = mergeLive(list, [capture(3), capture(4), capture(5)], EMPTY_FILTERS)
    expect(items.map((c) => c.seq)).toEqual([5, 4, 3, 2])
    expect(added).toBe(2)
  })

  it('keeps the list ordered when a live capture is older than the newest listed one', () => {
    const { items } = mergeLive([capture(10), capture(8)], [capture(9)], EMPTY_FILTERS)
    expect(items.map((c) => c.seq)).toEqual([10, 9, 8])
  })

  it('leaves out captures the filters exclude and counts the ones a search may match', () => {
    const filters = { ...EMPTY_FILTERS, signature: 'invalid' as const }
    const r1 = mergeLive([], [capture(1), capture(2, { signature: 'invalid' })], filters)
    expect(r1.items.map((c) => c.seq)).toEqual([2])
    const r2 = mergeLive([], [capture(1), capture(2)], { ...EMPTY_FILTERS, q: 'abc' })
    expect(r2.items).toEqual([])
    expect(r2.unknown).toBe(2)
  })

  it('returns the same array when nothing was added (no needless re-render)', () => {
    const list = [capture(1)]
    expect(mergeLive(list, [capture(1)], EMPTY_FILTERS).items).toBe(list)
  })

  it('removes deleted ids, or everything for "all"', () => {
    const list = [capture(3), capture(2), capture(1)]
    expect(removeDeleted(list, ['cap_2'], false).map((c) => c.seq)).toEqual([3, 1])
    expect(removeDeleted(list, [], true)).toEqual([])
  })
})
