import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifySignature } from '../../src/core/signing'
import type { SignatureVerdict } from '../../src/shared/models'
import { compareSignatures, computedWith, withLocalTimes } from '../../src/renderer/src/features/inbox/signature-compare'

// Real verdicts from the engine, so the view's words are checked against what it is given.
const body = Buffer.from('{"event":"aml.match.found"}')
const hex = (secret: string, bytes: Uint8Array = body) => createHmac('sha256', secret).update(bytes).digest('hex')
const rotatedLabel = 'previous API secret (rotated 2026-12-01T08:00:00.000Z)'
const secrets = [
  { label: 'API secret', secret: 'current' },
  { label: rotatedLabel, secret: 'old' }
]
const verdict = (header: string | null): SignatureVerdict => verifySignature(body, header, secrets)
const iso = (s: string) => `<${s}>`

describe('renderer: signature comparison words', () => {
  it.each([
    ['a "sha256=" prefix', `sha256=${hex('current')}`, /behind a "name=" prefix/],
    ['upper-case hex', hex('current').toUpperCase(), /upper-case hex/],
    ['base64', Buffer.from(hex('current'), 'hex').toString('base64'), /base64/]
  ])('%s of the right digest is "same digest, different encoding", never "entirely different"', (_name, header, words) => {
    const c = compareSignatures(verdict(header))!
    expect(c.kind).toBe('same-digest')
    expect(c.text).toMatch(/^Same digest, different encoding/)
    expect(c.text).toMatch(words)
    expect(c.text).not.toMatch(/Entirely different/)
  })

  it('a prefixed digest of a rotated secret compares with that secret\'s digest', () => {
    const v = verdict(`sha256=${hex('old')}`)
    expect(compareSignatures(v)?.kind).toBe('same-digest')
    expect(computedWith(v, iso)).toBe('Computed with previous API secret (rotated <2026-12-01T08:00:00.000Z>)')
  })

  it('a digest of other bytes is entirely different, decoded first when it was encoded', () => {
    expect(compareSignatures(verdict(hex('current', Buffer.from('other'))))).toMatchObject({ kind: 'unrelated', text: /^Entirely different digests:/ })
    expect(compareSignatures(verdict(`sha256=${hex('current', Buffer.from('other'))}`))?.text).toMatch(/^Entirely different digests \(decoded from/)
  })

  it('one wrong character is a near miss, marked', () => {
    const right = hex('current')
    const c = compareSignatures(verdict(right.slice(0, 63) + (right[63] === '0' ? '1' : '0')))
    expect(c).toEqual({ kind: 'near', text: '1 characters differ (marked).' })
  })

  it('valid under a rotated secret: "Computed with" names that secret, with a local time', () => {
    const v = verdict(hex('old'))
    expect(v.status).toBe('valid')
    expect(v.expected).toBe(hex('old'))
    expect(compareSignatures(v)?.kind).toBe('identical')
    const shown = computedWith(v, (t) => new Date(t).toLocaleString('en-GB', { timeZone: 'UTC' }))
    expect(shown).toBe('Computed with previous API secret (rotated 01/12/2026, 08:00:00)')
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
  })

  it('a verdict stored before expectedSecret existed still names the matching secret', () => {
    const old: SignatureVerdict = { status: 'valid', received: hex('current'), expected: hex('current'), matchedSecret: 'API secret', diagnosis: null }
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
    expect(compareSignatures(verdict(null))).toBeNull()
  })
})
