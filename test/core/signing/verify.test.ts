import { describe, expect, it } from 'vitest'
import { sign, verifySignature, type LabeledSecret } from '../../../src/core/signing'
import { SignatureVerdict } from '../../../src/shared/models'

const body = Buffer.from('{"event":"submission.completed","data":{"submissionId":"sub_1"}}')
const current: LabeledSecret = { label: 'API secret', secret: 'skyc_sec_current' }
const previous: LabeledSecret = { label: 'previous API secret', secret: 'skyc_sec_previous' }

describe('signing: verifySignature', () => {
  it('is valid with the current secret and names it', () => {
    const v = verifySignature(body, sign(body, current.secret), [current, previous])
    expect(v).toEqual({
      status: 'valid',
      received: sign(body, current.secret),
      expected: sign(body, current.secret),
      expectedSecret: 'API secret',
      matchedSecret: 'API secret',
      diagnosis: null
    })
    expect(SignatureVerdict.parse(v)).toEqual(v)
  })

  it('is valid with a rotated secret in its grace period, and shows that secret\'s digest under its name', () => {
    const v = verifySignature(body, sign(body, previous.secret), [current, previous])
    expect(v.status).toBe('valid')
    expect(v.matchedSecret).toBe('previous API secret')
    // Not the current secret's digest: "Computed" must be the digest that matched.
    expect(v.expected).toBe(sign(body, previous.secret))
    expect(v.expectedSecret).toBe('previous API secret')
    expect(SignatureVerdict.parse(v)).toEqual(v)
  })

  it.each([
    ['a "sha256=" prefix', (hex: string) => `sha256=${hex}`, 'prefixed'],
    ['upper-case hex', (hex: string) => hex.toUpperCase(), 'upper-hex'],
    ['base64', (hex: string) => Buffer.from(hex, 'hex').toString('base64'), 'base64'],
    ['base64url', (hex: string) => Buffer.from(hex, 'hex').toString('base64url'), 'base64'],
    ['two prefixes', (hex: string) => `v1=sha256=${hex}`, 'prefixed']
  ])('reads the digest out of %s, and computes with the secret it matches', (_name, encode, encoding) => {
    const v = verifySignature(body, encode(sign(body, previous.secret)), [current, previous])
    expect(v.status).toBe('invalid')
    expect(v.receivedDigest).toEqual({ hex: sign(body, previous.secret), encoding })
    expect(v.expected).toBe(sign(body, previous.secret))
    expect(v.expectedSecret).toBe('previous API secret')
    expect(SignatureVerdict.parse(v)).toEqual(v)
  })

  it('a near-miss encoding of a digest no secret makes still computes with the first secret', () => {
    const v = verifySignature(body, `sha256=${sign(body, 'unknown')}`, [current, previous])
    expect(v.receivedDigest).toEqual({ hex: sign(body, 'unknown'), encoding: 'prefixed' })
    expect(v.expected).toBe(sign(body, current.secret))
    expect(v.expectedSecret).toBe('API secret')
  })

  it('plain hex that does not match, or a value that is no digest, carries no receivedDigest', () => {
    expect(verifySignature(body, sign(body, 'unknown'), [current]).receivedDigest).toBeNull()
    expect(verifySignature(body, 'not a digest', [current]).receivedDigest).toBeNull()
  })

  it.each([null, undefined, '', '   '])('is missing for header %j', (header) => {
    const v = verifySignature(body, header, [current])
    expect(v).toEqual({
      status: 'missing',
      received: null,
      expected: sign(body, current.secret),
      expectedSecret: 'API secret',
      matchedSecret: null,
      diagnosis: null
    })
  })

  it('is invalid with a diagnosis when nothing matches', () => {
    const v = verifySignature(body, sign(body, 'another secret'), [current])
    expect(v.status).toBe('invalid')
    expect(v.matchedSecret).toBeNull()
    expect(v.diagnosis?.code).toBe('mismatch')
    expect(SignatureVerdict.parse(v)).toEqual(v)
  })

  it('is invalid with no-secret when there is nothing to verify with', () => {
    const v = verifySignature(body, sign(body, current.secret), [])
    expect(v.status).toBe('invalid')
    expect(v.expected).toBeNull()
    expect(v.diagnosis?.code).toBe('no-secret')
    expect(v.diagnosis?.hint).toMatch(/credentials/)
  })

  it('ignores whitespace around the header value but keeps it as received', () => {
    const header = ` ${sign(body, current.secret)}\n`
    const v = verifySignature(body, header, [current])
    expect(v.status).toBe('valid')
    expect(v.received).toBe(header)
  })

  it('checks the exact bytes: one changed byte is invalid', () => {
    const changed = Buffer.from(body)
    changed[changed.length - 2] ^= 1
    expect(verifySignature(changed, sign(body, current.secret), [current]).status).toBe('invalid')
  })

  it('does not accept a near miss: upper case, prefix, base64, truncation', () => {
    const hex = sign(body, current.secret)
    for (const header of [hex.toUpperCase(), `sha256=${hex}`, Buffer.from(hex, 'hex').toString('base64'), hex.slice(0, 63), `${hex}0`]) {
      expect(verifySignature(body, header, [current]).status, header).toBe('invalid')
    }
  })

  it('never throws on an odd header', () => {
    for (const header of ['é'.repeat(64), '\u0000'.repeat(64), 'x'.repeat(100_000), '=', 'a=', '==']) {
      const v = verifySignature(body, header, [current])
      expect(v.status).toBe('invalid')
      expect(v.diagnosis?.message.length).toBeGreaterThan(0)
    }
  })
})
