import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sign } from '../../../src/core/signing'

describe('signing: sign', () => {
  it('matches fixed vectors computed with openssl dgst -sha256 -hmac', () => {
    // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -hmac 'key'
    expect(sign('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
    )
    // printf '%s' '{"event":"submission.completed","tenantId":"tenant_123456"}' | openssl dgst -sha256 -hmac 'skyc_sec_test'
    expect(sign('{"event":"submission.completed","tenantId":"tenant_123456"}', 'skyc_sec_test')).toBe(
      '42d3ca34a5c9192b20ac4ec0b8abaf9b054ef2ed6e72fb9338bd97543221def6'
    )
  })

  it('equals an HMAC-SHA256 computed directly with node:crypto, for text and bytes', () => {
    const body = '{"event":"aml.match.found","data":{"matchedName":"Zoë Ångström"}}'
    const secret = 'sëcret ✓'
    const independent = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(body, 'utf8')).digest('hex')
    expect(sign(body, secret)).toBe(independent)
    expect(sign(new TextEncoder().encode(body), secret)).toBe(independent)
  })

  it('hashes bytes exactly, including bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x0a])
    expect(sign(bytes, 'k')).toBe(createHmac('sha256', 'k').update(bytes).digest('hex'))
    expect(sign(bytes, 'k')).not.toBe(sign(Buffer.from(bytes).toString('utf8'), 'k'))
  })

  it('is lowercase hex of 64 characters', () => {
    expect(sign('', 'x')).toMatch(/^[0-9a-f]{64}$/)
  })
})
