import { describe, expect, it } from 'vitest'
import { sign } from '../../../src/core/signing'
import { receivedDigest } from '../../../src/core/signing/received-digest'

const hex = sign('{"event":"aml.match.found"}', 'secret')

describe('signing: receivedDigest', () => {
  it('reads 32 bytes out of each near-miss encoding, as lowercase hex', () => {
    expect(receivedDigest(hex)).toEqual({ hex, encoding: 'hex' })
    expect(receivedDigest(hex.toUpperCase())).toEqual({ hex, encoding: 'upper-hex' })
    expect(receivedDigest(Buffer.from(hex, 'hex').toString('base64'))).toEqual({ hex, encoding: 'base64' })
    expect(receivedDigest(`sha256=${hex}`)).toEqual({ hex, encoding: 'prefixed' })
    expect(receivedDigest(`sha256=${Buffer.from(hex, 'hex').toString('base64')}`)).toEqual({ hex, encoding: 'prefixed' })
    expect(receivedDigest(`hmac-sha256= ${hex.toUpperCase()}`)).toEqual({ hex, encoding: 'prefixed' })
  })

  it('is null for what is not a 32-byte digest', () => {
    for (const value of ['', 'abc', hex.slice(0, 63), `${hex}0`, 'é'.repeat(64), sign('x', 'y').slice(0, 40), '=', 'a=', '==']) {
      expect(receivedDigest(value), value).toBeNull()
    }
  })

  it('is bounded: a long chain of prefixes (the issue\'s 13 KB header) is not unwrapped', () => {
    expect(receivedDigest('a='.repeat(6500) + hex)).toBeNull()
    expect(receivedDigest('a='.repeat(10) + hex)).toBeNull()
    expect(receivedDigest('a=b=c=d=' + hex)).toEqual({ hex, encoding: 'prefixed' })
  })
})
