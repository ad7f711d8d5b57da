import { describe, expect, it } from 'vitest'
import { parseHash } from '../../src/renderer/src/app/route-parse'
import { canDecide, curlLines } from '../../src/renderer/src/features/platform/platform-logic'
import { emptyQueue, enqueue } from '../../src/renderer/src/store/live-queue'
import type { ApiRequestLog } from '../../src/shared/platform-models'

describe('Platform screen logic', () => {
  it('offers curl lines for the running API with the key filled in, quoted for a shell', () => {
    const lines = curlLines('http://127.0.0.1:8787/v1', 'skyc_key_abc')
    expect(lines[0].command).toBe(
      `curl -s -X POST http://127.0.0.1:8787/v1/invitations -H 'X-API-Key: skyc_key_abc' -H 'Content-Type: application/json' ` +
        `-d '{"customerEmail":"john.doe@example.com","workflowName":"Basic KYC"}'`
    )
    expect(lines.map((l) => l.command).join('\n')).toContain('/simulate/invitations/$INV/complete')
    expect(lines[lines.length - 1].command).toBe('curl -s http://127.0.0.1:8787/v1/openapi.json')
    expect(lines[lines.length - 1].command).not.toContain('X-API-Key')
    // Before credentials exist, a placeholder says what goes there.
    expect(curlLines('http://127.0.0.1:8787/v1', null)[1].command).toContain('X-API-Key: YOUR_API_KEY')
  })

  it('offers Approve and Reject until a decision is made', () => {
    expect(['created', 'completed', 'in_review'].map(canDecide)).toEqual([true, true, true])
    expect(['approved', 'rejected'].map(canDecide)).toEqual([false, false])
  })

  it('routes #/platform and queues the platform events for the next flush', () => {
    expect(parseHash('#/platform').screen).toBe('platform')
    const q = emptyQueue()
    const row = { id: 'req_1', status: 429 } as ApiRequestLog
    enqueue(q, 'platform.request', row)
    enqueue(q, 'platform.changed', {})
    expect(q.platformRequests).toEqual([row])
    expect(q.platformChanged).toBe(true)
    for (let i = 0; i < 1500; i++) enqueue(q, 'platform.request', row)
    expect(q.platformRequests).toHaveLength(1000)
  })
})
