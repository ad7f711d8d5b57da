import { describe, expect, it } from 'vitest'
import type { SignatureVerdict } from '../../src/shared/models'
import { compareSignatures, computedWith, withLocalTimes } from '../../src/renderer/src/features/inbox/signature-compare'

// Verdicts shaped as the engine makes them (test/core/signing/verify.test.ts checks the engine's side).
const CURRENT = '3f1c0e5b9a7d2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6'
const OLD = 'c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc'
const OTHER = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
const rotatedLabel = 'previous API secret (rotated 2026-12-01T08:00:00.000Z)'
const base64 = (hex: string) => btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))))

function invalid(received: string, receivedDigest: SignatureVerdict['receivedDigest'], expected = CURRENT, expectedSecret = 'API secret'): SignatureVerdict {
  return {
    status: 'invalid',
    received,
    expected,
    expectedSecret,
    matchedSecret: null,
    diagnosis: { code: 'x', message: 'm', hint: 'h' },
    receivedDigest
  }
}
const iso = (s: string) => `<${s}>`

describe('renderer: signature comparison words', () => {
  it.each([
    ['a "sha256=" prefix', `sha256=${CURRENT}`, 'prefixed', /the computed digest behind a "sha256=" prefix/],
    ['upper-case hex', CURRENT.toUpperCase(), 'upper-hex', /the computed digest in upper-case hex/],
    ['base64', base64(CURRENT), 'base64', /the computed digest in base64/]
  ] as const)('%s of the right digest is "same digest, different encoding", never "entirely different"', (_name, header, encoding, words) => {
    const c = compareSignatures(invalid(header, { hex: CURRENT, encoding }))!
    expect(c.kind).toBe('same-digest')
    expect(c.text).toMatch(/^Same digest, different encoding/)
    expect(c.text).toMatch(words)
    expect(c.text).not.toMatch(/Entirely different/)
  })

  it('a prefixed digest of a rotated secret compares with that secret\'s digest', () => {
    const v = invalid(`sha256=${OLD}`, { hex: OLD, encoding: 'prefixed' }, OLD, rotatedLabel)
    expect(compareSignatures(v)?.kind).toBe('same-digest')
    expect(computedWith(v, iso)).toBe('Computed with previous API secret (rotated <2026-12-01T08:00:00.000Z>)')
  })

  it('a digest of other bytes is entirely different, decoded first when it was encoded', () => {
    expect(compareSignatures(invalid(OTHER, null))).toMatchObject({ kind: 'unrelated', text: expect.stringMatching(/^Entirely different digests:/) })
    expect(compareSignatures(invalid(`sha256=${OTHER}`, { hex: OTHER, encoding: 'prefixed' }))?.text).toMatch(/^Entirely different digests \(after reading past a "sha256=" prefix\)/)
  })

  it('one wrong character is a near miss, marked', () => {
    const c = compareSignatures(invalid(CURRENT.slice(0, 63) + '0', null))
    expect(c).toEqual({ kind: 'near', text: '1 characters differ (marked).' })
  })

  it('valid under a rotated secret: "Computed with" names that secret, with a local time', () => {
    const v: SignatureVerdict = { status: 'valid', received: OLD, expected: OLD, expectedSecret: rotatedLabel, matchedSecret: rotatedLabel, diagnosis: null }
    expect(compareSignatures(v)?.kind).toBe('identical')
    const shown = computedWith(v, (t) => new Date(t).toLocaleString('en-GB', { timeZone: 'UTC' }))
    expect(shown).toBe('Computed with previous API secret (rotated 01/12/2026, 08:00:00)')
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
  })

  it('a verdict stored before expectedSecret existed still names the matching secret', () => {
    const old: SignatureVerdict = { status: 'valid', received: CURRENT, expected: CURRENT, matchedSecret: 'API secret', diagnosis: null }
    expect(computedWith(old, iso)).toBe('Computed with API secret')
    expect(computedWith({ ...old, status: 'invalid', matchedSecret: null }, iso)).toBe('Computed')
  })

  it('formats every ISO time in a text, and leaves other text alone', () => {
    expect(withLocalTimes('It matches "expired API secret (rotated 2026-11-30T10:00:00Z)", a secret…', iso)).toBe(
      'It matches "expired API secret (rotated <2026-11-30T10:00:00Z>)", a secret…'
    )
    expect(withLocalTimes('listener secret #1', iso)).toBe('listener secret #1')
  })

  it('nothing to compare without a header', () => {
    expect(compareSignatures({ status: 'missing', received: null, expected: CURRENT, matchedSecret: null, diagnosis: null })).toBeNull()
  })
})
