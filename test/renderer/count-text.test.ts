import { describe, expect, it } from 'vitest'
import { countText, withThousands } from '../../src/renderer/src/ui/count-text'

describe('countText', () => {
  it('says how many rows match, in the singular for one', () => {
    expect(countText(false, 0, 0, 'capture', 'captures')).toBe('0 captures')
    expect(countText(false, 1, 1, 'delivery', 'deliveries')).toBe('1 delivery')
    expect(countText(false, 12, 12, 'capture', 'captures')).toBe('12 captures')
  })

  it('says how many are shown when only the first page is loaded', () => {
    expect(countText(false, 200, 5000, 'capture', 'captures')).toBe('200 of 5000 captures')
  })

  it('says Loading… while a query runs', () => {
    expect(countText(true, 3, 10, 'capture', 'captures')).toBe('Loading…')
  })

  it('says "10,000+" when the server capped its count', () => {
    expect(countText(false, 200, 10_000, 'capture', 'captures', true)).toBe('200 of 10,000+ captures')
    expect(countText(false, 10_200, 10_000, 'capture', 'captures', true)).toBe('10200 of 10,200+ captures')
  })
})

// Issue 10: the capped count is written without Intl (its first use loads the browser's
// locale data before the Inbox's first row), exactly as toLocaleString('en-US') writes it.
describe('withThousands', () => {
  it('groups whole numbers like en-US', () => {
    for (const n of [0, 7, 999, 1000, 10_000, 123_456, 1_000_000, 98_765_432, -4321]) expect(withThousands(n)).toBe(n.toLocaleString('en-US'))
  })
})
