import { describe, expect, it } from 'vitest'
import { sign, verifySignature } from '../../../src/core/signing'

const secret = 'skyc_sec_current'
const secrets = [{ label: 'API secret', secret }]
const payload = { event: 'aml.match.found', timestamp: '2026-01-15T10:30:00Z', data: { submissionId: 'sub_1', matchScore: 0.95 }, tenantId: 'tenant_1' }
const pretty2 = JSON.stringify(payload, null, 2)
const pretty4 = JSON.stringify(payload, null, 4)
const crlf = (text: string) => text.replace(/\n/g, '\r\n')

function diagnosisOf(received: string, signed: string) {
  const v = verifySignature(Buffer.from(received), sign(signed, secret), secrets)
  expect(v.status).toBe('invalid')
  return v.diagnosis!
}

describe('signing: a CRLF body is diagnosed by its line endings', () => {
  it('names CRLF for a body whose only difference is its line endings', () => {
    const d = diagnosisOf(crlf(pretty2), pretty2)
    expect(d.code).toBe('line-endings')
    expect(d.message).toMatch(/CRLF/)
  })

  it('names CRLF, not "re-serialised (2 spaces)", for a Windows file: CRLF line endings and a final line break', () => {
    // Before: "The body was re-serialised: it matches when pretty-printed with 2 spaces".
    const d = diagnosisOf(crlf(pretty2) + '\r\n', pretty2)
    expect(d.code).toBe('line-endings')
    expect(d.message).toMatch(/CRLF/)
    expect(d.message).toMatch(/final line break/)
  })

  it('names CRLF for a CRLF body that matches a JSON re-serialisation with LF', () => {
    const d = diagnosisOf(crlf(pretty4), pretty2)
    expect(d.code).toBe('line-endings')
    expect(d.message).toMatch(/CRLF line endings/)
    expect(d.message).toMatch(/2 spaces/)
    expect(diagnosisOf(crlf(pretty2), JSON.stringify(payload)).message).toMatch(/CRLF line endings.*compact JSON/)
  })

  it('names CRLF when the sender signed a CRLF body and LF arrived', () => {
    expect(diagnosisOf(pretty2, crlf(pretty2))).toMatchObject({ code: 'line-endings', message: expect.stringMatching(/CRLF/) })
    expect(diagnosisOf(pretty2 + '\n', crlf(pretty2))).toMatchObject({ code: 'line-endings', message: expect.stringMatching(/CRLF/) })
    // Signed: CRLF pretty JSON; received: the compact re-serialisation of it.
    expect(diagnosisOf(JSON.stringify(payload), crlf(pretty2))).toMatchObject({ code: 'line-endings', message: expect.stringMatching(/CRLF/) })
  })

  it('still calls an LF re-serialisation a re-serialisation', () => {
    expect(diagnosisOf(pretty2, JSON.stringify(payload)).code).toBe('reserialized-body')
    expect(diagnosisOf(pretty4, pretty2).code).toBe('reserialized-body')
  })
})
