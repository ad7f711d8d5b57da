import { describe, expect, it } from 'vitest'
import { templateFor, validatePayload } from '../../../src/core/catalog'
import { schemaErrorText } from '../../../src/shared/schema-error-text'

/** The docs' own examples: the standard payload, and the two event-specific data blocks. */
const DOCS_STANDARD = `{ "event": "submission.completed", "timestamp": "2024-01-15T10:30:00Z", "data": { "submissionId": "sub_123456", "invitationId": "inv_123456", "customerEmail": "customer@example.com", "workflowId": "wf_123456", "status": "completed", "submittedAt": "2024-01-15T10:30:00Z" }, "tenantId": "tenant_123456" }`
const DOCS_COMPLETED_DATA = { submissionId: 'sub_123456', invitationId: 'inv_123456', customerEmail: 'customer@example.com', workflowId: 'wf_123456', workflowName: 'Basic KYC', status: 'completed', submittedAt: '2024-01-15T10:30:00Z', responses: { firstName: 'John', lastName: 'Doe', email: 'john@example.com' } }
const DOCS_AML_DATA = { submissionId: 'sub_123456', matchType: 'sanctions', matchScore: 0.95, matchedName: 'John Doe', sourceList: 'OFAC', riskLevel: 'high' }

function envelope(event: string, data: unknown): Record<string, unknown> {
  return { event, timestamp: '2024-01-15T10:30:00Z', data, tenantId: 'tenant_123456' }
}

function mutated(event: Parameters<typeof templateFor>[0], change: (p: { data: Record<string, unknown> } & Record<string, unknown>) => void): string {
  const p = templateFor(event) as { data: Record<string, unknown> } & Record<string, unknown>
  change(p)
  return JSON.stringify(p)
}

describe('catalog: validatePayload on the docs examples', () => {
  it('accepts the standard payload structure', () => {
    expect(validatePayload(DOCS_STANDARD)).toEqual({ status: 'valid', event: 'submission.completed', errors: [] })
  })

  it('accepts the event-specific examples inside the standard envelope', () => {
    expect(validatePayload(JSON.stringify(envelope('submission.completed', DOCS_COMPLETED_DATA))).status).toBe('valid')
    expect(validatePayload(JSON.stringify(envelope('aml.match.found', DOCS_AML_DATA))).status).toBe('valid')
  })

  it('accepts bytes as well as text', () => {
    expect(validatePayload(new TextEncoder().encode(DOCS_STANDARD)).status).toBe('valid')
  })

  it('allows fields Smart KYC may add later, in the envelope and in data', () => {
    const grown = { ...envelope('aml.match.found', { ...DOCS_AML_DATA, reviewer: 'x' }), id: 'evt_1', version: 2 }
    expect(validatePayload(JSON.stringify(grown)).status).toBe('valid')
  })
})

describe('catalog: validatePayload errors', () => {
  it('reports a score above 1 at /data/matchScore', () => {
    const v = validatePayload(mutated('aml.match.found', (p) => (p.data.matchScore = 1.5)))
    expect(v.status).toBe('invalid')
    expect(v.event).toBe('aml.match.found')
    expect(v.errors).toEqual([{ path: '/data/matchScore', message: 'must be <= 1', keyword: 'maximum' }])
  })

  it('reports every error at once (allErrors)', () => {
    const v = validatePayload(
      mutated('submission.completed', (p) => {
        delete p.data.submissionId
        p.data.customerEmail = 'not an email'
        p.timestamp = '2024-01-15T10:30:00+02:00'
        p.tenantId = 'acme'
      })
    )
    expect(v.status).toBe('invalid')
    const byPath = v.errors.map((e) => `${e.path} ${e.keyword}`)
    expect(byPath).toEqual(
      expect.arrayContaining(['/data required', '/data/customerEmail format', '/timestamp pattern', '/tenantId pattern'])
    )
    expect(v.errors.find((e) => e.keyword === 'required')?.message).toContain('submissionId')
    expect(v.errors.find((e) => e.path === '/timestamp')?.message).toContain('UTC')
    expect(v.errors.find((e) => e.path === '/tenantId' && e.keyword === 'pattern')?.message).toContain('"tenant_"')
  })

  it('reports a missing envelope field and a data that is not an object', () => {
    const v = validatePayload(JSON.stringify({ event: 'invitation.sent', data: [] }))
    expect(v.status).toBe('invalid')
    expect(v.errors.map((e) => `${e.path} ${e.keyword}`)).toEqual(expect.arrayContaining(['/data type', ' required']))
    expect(v.errors.filter((e) => e.keyword === 'required').map((e) => e.message).join()).toMatch(/timestamp[\s\S]*tenantId|tenantId[\s\S]*timestamp/)
  })
})

describe('catalog: schema errors name their path once', () => {
  it('"/timestamp must be in UTC…", not "/timestamp /timestamp must be in UTC…"', () => {
    const v = validatePayload(mutated('submission.completed', (p) => (p.timestamp = '2024-01-15T10:30:00+02:00')))
    const error = v.errors.find((e) => e.path === '/timestamp')!
    expect(error.message).toMatch(/^must be in UTC/)
    expect(schemaErrorText(error)).toBe('/timestamp must be in UTC, ending in "Z" (e.g. "2024-01-15T10:30:00Z")')
  })

  it('no message starts with its own path, for any error kind', () => {
    const bodies = [
      mutated('submission.completed', (p) => {
        delete p.data.submissionId
        p.data.customerEmail = 'x'
        p.tenantId = 'acme'
      }),
      JSON.stringify({ event: 'invitation.sent', data: [] }),
      JSON.stringify(envelope('submission.deleted', {})),
      '{"data":{}}',
      '[1]',
      'hello',
      ''
    ]
    for (const body of bodies) {
      for (const e of validatePayload(body).errors) {
        expect(e.message.startsWith('/')).toBe(false)
        expect(e.message).not.toMatch(/^the (body|payload) /)
        expect(schemaErrorText(e).split(e.path || 'the body').length).toBe(2)
      }
    }
  })

  it('an error about the body itself says "the body", never "/"', () => {
    expect(schemaErrorText(validatePayload('hello').errors[0])).toMatch(/^the body is not JSON \(/)
    expect(schemaErrorText(validatePayload('').errors[0])).toBe('the body is empty')
    expect(schemaErrorText(validatePayload('[1]').errors[0])).toMatch(/^the body is an array, not an object/)
    const missing = validatePayload(JSON.stringify({ event: 'invitation.sent' })).errors.find((e) => e.keyword === 'required')!
    expect(schemaErrorText(missing)).toMatch(/^the body must have required property/)
  })

  it('verdicts stored before the fix read the same as new ones', () => {
    expect(schemaErrorText({ path: '/timestamp', message: '/timestamp must be in UTC' })).toBe('/timestamp must be in UTC')
    expect(schemaErrorText({ path: '', message: 'the body is not JSON (x)' })).toBe('the body is not JSON (x)')
    expect(schemaErrorText({ path: '', message: "the payload must have required property 'data'" })).toBe(
      "the body must have required property 'data'"
    )
  })
})

describe('catalog: validatePayload classifies what is not a webhook', () => {
  it.each([
    ['not JSON at all', 'hello'],
    ['truncated JSON', '{"event": "submission.completed"'],
    ['an empty body', ''],
    ['only whitespace', ' \n\t'],
    ['JSON with a trailing comma', '{"event":"aml.match.found",}'],
    ['two BOMs', '\uFEFF\uFEFF{}']
  ])('not-json: %s', (_name, body) => {
    const v = validatePayload(body)
    expect(v.status).toBe('not-json')
    expect(v.event).toBeNull()
    expect(v.errors[0].message.length).toBeGreaterThan(0)
  })

  it('not-json: invalid UTF-8 bytes', () => {
    expect(validatePayload(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])).status).toBe('not-json')
  })

  it('tolerates a UTF-8 BOM, in bytes and in text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(DOCS_STANDARD)])
    expect(validatePayload(bytes).status).toBe('valid')
    expect(validatePayload(`\uFEFF${DOCS_STANDARD}`).status).toBe('valid')
  })

  it('unknown-event: no event property, with null as the event', () => {
    expect(validatePayload('{"data":{}}')).toMatchObject({ status: 'unknown-event', event: null })
  })

  it('unknown-event: an event name outside the 11, reported as received', () => {
    const v = validatePayload(JSON.stringify(envelope('submission.deleted', {})))
    expect(v).toMatchObject({ status: 'unknown-event', event: 'submission.deleted' })
    expect(v.errors[0].message).toContain('submission.deleted')
  })

  it.each([
    ['an array', '[{"event":"aml.match.found"}]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"aml.match.found"'],
    ['an event that is a number', '{"event": 7}'],
    ['an event that is an object', '{"event": {"name": "aml.match.found"}}']
  ])('unknown-event: %s', (_name, body) => {
    const v = validatePayload(body)
    expect(v).toMatchObject({ status: 'unknown-event', event: null })
    expect(v.errors).toHaveLength(1)
  })

  it('says what a non-object payload is, at the root', () => {
    expect(validatePayload('[1]').errors[0]).toMatchObject({ path: '', keyword: 'type' })
    expect(validatePayload('[1]').errors[0].message).toContain('an array, not an object')
    expect(validatePayload('null').errors[0].message).toContain('null, not an object')
  })
})

describe('catalog: validatePayload never throws', () => {
  const deepArray = '['.repeat(200_000) + ']'.repeat(200_000)
  const deepInData = JSON.stringify(envelope('submission.updated', { submissionId: 'sub_1', status: 'x' })).replace(
    '"status":"x"',
    `"status":"x","responses":{"a":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`
  )

  it.each([
    ['a huge number', '1e999999'],
    ['a huge number as the score', JSON.stringify(envelope('aml.match.found', DOCS_AML_DATA)).replace('0.95', '1e999999')],
    ['a deeply nested array', deepArray],
    ['deeply nested data', deepInData],
    ['__proto__ keys', '{"event":"aml.match.found","__proto__":{"event":"x"},"data":{"__proto__":null}}'],
    ['a long string event', JSON.stringify({ event: 'x'.repeat(1_000_000) })],
    ['control characters', '\u0000\u0001{'],
    ['a lone surrogate', '{"event":"\\ud800"}']
  ])('%s', (_name, body) => {
    const v = validatePayload(body)
    expect(['valid', 'invalid', 'not-json', 'unknown-event']).toContain(v.status)
    for (const e of v.errors) expect(typeof e.message).toBe('string')
  })

  it('keeps a huge score invalid rather than valid', () => {
    const body = JSON.stringify(envelope('aml.match.found', DOCS_AML_DATA)).replace('0.95', '1e999999')
    expect(validatePayload(body).status).toBe('invalid')
  })

  it('survives pseudo-random bytes', () => {
    let seed = 42
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(1 + (i % 64))
      for (let j = 0; j < bytes.length; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        bytes[j] = seed & 0xff
      }
      expect(['valid', 'invalid', 'not-json', 'unknown-event']).toContain(validatePayload(bytes).status)
    }
  })
})
