import { describe, expect, it } from 'vitest'
import { sendBlockedReason } from '../../src/renderer/src/features/compose/send-readiness'

// Issue 6, item 20: Send was disabled with no target ticked, and nothing said why.
describe('why Send is disabled', () => {
  const base = { targetMode: 'endpoints' as const, adHocUrl: '', selected: [] as string[], endpointCount: 2 }

  it('names the missing target', () => {
    expect(sendBlockedReason(base)).toBe('Tick at least one endpoint under "Send to"')
    expect(sendBlockedReason({ ...base, endpointCount: 0 })).toMatch(/No endpoints yet: add one in Endpoints, or send to a URL/)
    expect(sendBlockedReason({ ...base, targetMode: 'url', adHocUrl: '  ' })).toBe('Enter a URL to send to')
  })

  it('says nothing once there is somewhere to send', () => {
    expect(sendBlockedReason({ ...base, selected: ['ep_1'] })).toBeNull()
    expect(sendBlockedReason({ ...base, targetMode: 'url', adHocUrl: 'https://x.test/' })).toBeNull()
  })
})
