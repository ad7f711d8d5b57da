import { describe, expect, it } from 'vitest'
import { events } from '../../src/shared/contract'
import { EVENT_NAMES as fromModels, EventName } from '../../src/shared/models'
import { EVENT_NAMES } from '../../src/shared/event-names'
import { PUSHED_EVENTS } from '../../src/shared/pushed-events'

// Issue 10: the served UI subscribes by these zod-free lists, so they must be the contract's.
describe('zod-free event lists', () => {
  it('names every pushed event of the contract, once', () => {
    expect([...PUSHED_EVENTS].sort()).toEqual(Object.keys(events).sort())
    expect(new Set(PUSHED_EVENTS).size).toBe(PUSHED_EVENTS.length)
  })

  it('names the same 11 Smart KYC events as the models', () => {
    expect(fromModels).toBe(EVENT_NAMES)
    expect(EventName.options).toEqual([...EVENT_NAMES])
    expect(EVENT_NAMES).toHaveLength(11)
  })
})
