import { describe, expect, it } from 'vitest'
import { editableReplayHeaders, replayHeadersFromRows } from '../../src/renderer/src/features/inbox/replay-headers'

// Issue 6, item 20: an edited replay may change headers too.
describe('edited replay headers', () => {
  it('starts from the captured headers the user may change, in order', () => {
    const captured: [string, string][] = [
      ['Host', '127.0.0.1:8443'],
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', 'abc'],
      ['Content-Length', '2'],
      ['Proxy-Authorization', 'x'],
      ['X-Tenant', 'one']
    ]
    expect(editableReplayHeaders(captured)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Tenant', 'one']
    ])
  })

  it('turns edited rows into pairs, dropping blank rows and naming the first bad one', () => {
    expect(replayHeadersFromRows([{ name: ' X-A ', value: '1' }, { name: '', value: '' }])).toEqual({ headers: [['X-A', '1']], error: null })
    expect(replayHeadersFromRows([{ name: '', value: 'orphan' }]).error).toMatch(/value "orphan" has no name/)
    expect(replayHeadersFromRows([{ name: 'Bad Name', value: '1' }]).error).toMatch(/"Bad Name" is not a valid header name/)
  })
})
