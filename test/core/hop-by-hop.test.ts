// One hop-by-hop list (src/shared/hop-by-hop): the receiver's forwarding and the sender's
// header rules drop and refuse the same connection headers.
import { describe, expect, it } from 'vitest'
import { endToEndHeaders } from '../../src/core/receiver/hop-by-hop'
import { checkCustomHeaders } from '../../src/core/sender/header-policy'
import { replayableHeaders } from '../../src/core/replay'
import type { HeaderPair } from '../../src/shared/models'

const HOP = ['Connection', 'Keep-Alive', 'Transfer-Encoding', 'TE', 'Trailer', 'Upgrade', 'Expect', 'Proxy-Authorization', 'proxy-connection']

describe('hop-by-hop headers', () => {
  const captured: HeaderPair[] = [
    ['Host', '127.0.0.1:8443'],
    ...HOP.map((name): HeaderPair => [name, 'x']),
    ['Content-Length', '2'],
    ['X-Api-Key', 'k']
  ]

  it('are dropped by a forward, which keeps Host (rewritten later) and Content-Length (same bytes)', () => {
    expect(endToEndHeaders(captured)).toEqual([
      ['Host', '127.0.0.1:8443'],
      ['Content-Length', '2'],
      ['X-Api-Key', 'k']
    ])
  })

  it('are dropped by a replay, with Host and Content-Length, which the HTTP client computes', () => {
    expect(replayableHeaders(captured)).toEqual([['X-Api-Key', 'k']])
  })

  it('are refused as custom headers of an endpoint, as is Host', () => {
    for (const name of [...HOP, 'Host']) {
      expect(() => checkCustomHeaders([[name, 'x']]), name).toThrow(`custom header ${name} cannot be set: it controls the connection`)
    }
  })
})
