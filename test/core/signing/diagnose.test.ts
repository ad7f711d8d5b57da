import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { diagnose, sign, verifySignature, type LabeledSecret, type VerifyContext } from '../../../src/core/signing'

const SECRET = 'skyc_sec_0123456789abcdef'
const secrets: LabeledSecret[] = [{ label: 'API secret', secret: SECRET }]
const payload = { event: 'submission.completed', timestamp: '2024-01-15T10:30:00Z', data: { submissionId: 'sub_123456', status: 'completed' }, tenantId: 'tenant_123456' }
const compact = JSON.stringify(payload)
const pretty = JSON.stringify(payload, null, 2)

/** The diagnosis a receiver holding `received` gets for a header the sender computed over `signed`. */
function why(received: string | Buffer, header: string | null, list = secrets, context?: VerifyContext) {
  const v = verifySignature(Buffer.from(received), header, list, context)
  expect(v.status).not.toBe('valid')
  return v.diagnosis ?? diagnose(Buffer.from(received), header, list, context)
}

describe('signing: diagnose, header problems', () => {
  it('missing-header: absent or empty', () => {
    for (const header of [null, undefined, '', ' ']) {
      const d = diagnose(Buffer.from(compact), header, secrets)
      expect(d.code).toBe('missing-header')
      expect(d.message).toContain('X-SmartKYC-Signature')
    }
  })

  it('no-secret: nothing to verify with, and what to do', () => {
    const d = why(compact, sign(compact, SECRET), [])
    expect(d.code).toBe('no-secret')
    expect(d.hint).toMatch(/Create API credentials.*listener.*paste/)
  })

  it('malformed-signature: says the length seen', () => {
    const d = why(compact, 'abc123')
    expect(d.code).toBe('malformed-signature')
    expect(d.message).toContain('6 characters long')
    expect(d.message).toContain('64')
  })

  it('malformed-signature: 64 characters that are not all hex', () => {
    const d = why(compact, 'z'.repeat(60) + 'abcd')
    expect(d.code).toBe('malformed-signature')
    expect(d.message).toContain('64 characters long, 60 of them not hex digits')
  })

  it('prefixed-signature: "sha256=" and the rest would match', () => {
    const d = why(compact, `sha256=${sign(compact, SECRET)}`)
    expect(d.code).toBe('prefixed-signature')
    expect(d.message).toContain('"sha256="')
    expect(d.message).toContain('without that prefix, it matches')
    expect(d.hint).toContain('without "sha256="')
  })

  it('prefixed-signature: another prefix, and the rest does not match either', () => {
    const d = why(compact, `v1=${sign(compact, 'wrong')}`)
    expect(d.code).toBe('prefixed-signature')
    expect(d.message).toContain('"v1="')
    expect(d.message).toContain('even without that prefix it does not match')
    expect(d.message).toContain('different secret')
  })

  it('prefixed-signature: the rest explains itself (upper case behind the prefix)', () => {
    const d = why(compact, `sha256=${sign(compact, SECRET).toUpperCase()}`)
    expect(d.code).toBe('prefixed-signature')
    expect(d.message).toContain('lower-cased, it matches')
  })

  it('uppercase-hex: would match lowercased', () => {
    const d = why(compact, sign(compact, SECRET).toUpperCase())
    expect(d.code).toBe('uppercase-hex')
    expect(d.message).toContain('"API secret"')
  })

  it('base64-signature: would match once decoded (standard and URL-safe)', () => {
    const digest = createHmac('sha256', SECRET).update(compact).digest()
    expect(why(compact, digest.toString('base64')).code).toBe('base64-signature')
    expect(why(compact, digest.toString('base64url')).code).toBe('base64-signature')
  })

  it('wrong-algorithm: HMAC-SHA1 instead of SHA-256', () => {
    const d = why(compact, createHmac('sha1', SECRET).update(compact).digest('hex'))
    expect(d.code).toBe('wrong-algorithm')
    expect(d.message).toContain('HMAC-SHA-1')
  })
})

describe('signing: diagnose, wrong key', () => {
  it('rotated-secret: signed with a secret rotated out', () => {
    const expired = [{ label: 'API secret retired 2024-01-01', secret: 'skyc_sec_old' }]
    const d = why(compact, sign(compact, 'skyc_sec_old'), secrets, { expiredSecrets: expired })
    expect(d.code).toBe('rotated-secret')
    expect(d.message).toContain('API secret retired 2024-01-01')
    expect(d.hint).toContain('current API Secret')
  })

  it('signed-with-api-key: keyed with the API key instead of the secret', () => {
    const d = why(compact, sign(compact, 'skyc_key_abc'), secrets, { apiKey: 'skyc_key_abc' })
    expect(d.code).toBe('signed-with-api-key')
    expect(d.message).not.toContain('skyc_key_abc')
  })

  it('secret-whitespace: the stored secret has a trailing newline the sender has not', () => {
    const d = why(compact, sign(compact, SECRET), [{ label: 'pasted #1', secret: `${SECRET}\n` }])
    expect(d.code).toBe('secret-whitespace')
    expect(d.message).toContain('whitespace removed')
  })

  it('secret-whitespace: the sender keyed with the secret plus a newline', () => {
    const d = why(compact, sign(compact, `${SECRET}\n`))
    expect(d.code).toBe('secret-whitespace')
    expect(d.message).toContain('newline added')
  })

  it('mismatch: a different secret, nothing explains it', () => {
    const d = why(compact, sign(compact, 'someone else'))
    expect(d.code).toBe('mismatch')
    expect(d.message).toContain('signed with a different secret or the body was changed in transit')
    expect(d.message).toContain(`${Buffer.byteLength(compact)} bytes`)
    expect(d.message).not.toContain(SECRET)
  })
})

describe('signing: diagnose, the body changed', () => {
  it('reserialized-body: sender signed compact JSON, we hashed pretty', () => {
    const d = why(pretty, sign(compact, SECRET))
    expect(d.code).toBe('reserialized-body')
    expect(d.message).toContain('compacted')
    expect(d.hint).toContain('raw request bytes')
  })

  it.each([
    [2, 'pretty-printed with 2 spaces'],
    [4, 'pretty-printed with 4 spaces'],
    ['\t', 'pretty-printed with tabs']
  ])('reserialized-body: sender signed indent %j, we hashed compact', (indent, words) => {
    const d = why(compact, sign(JSON.stringify(payload, null, indent), SECRET))
    expect(d.code).toBe('reserialized-body')
    expect(d.message).toBe(
      `The body was re-serialised: it matches when ${words}, so the sender signed different bytes than you hashed (or your framework parsed the JSON before you hashed it).`
    )
  })

  it('reordered-keys: sender signed sorted keys', () => {
    const sortedCompact = '{"data":{"status":"completed","submissionId":"sub_123456"},"event":"submission.completed","tenantId":"tenant_123456","timestamp":"2024-01-15T10:30:00Z"}'
    const d = why(compact, sign(sortedCompact, SECRET))
    expect(d.code).toBe('reordered-keys')
    expect(d.message).toContain('sorted')
  })

  it('trailing-newline: one was added after signing', () => {
    const d = why(`${compact}\n`, sign(compact, SECRET))
    expect(d.code).toBe('trailing-newline')
    expect(d.message).toContain('was added')
  })

  it('trailing-newline: one was removed after signing', () => {
    const d = why(pretty, sign(`${pretty}\n`, SECRET))
    expect(d.code).toBe('trailing-newline')
    expect(d.message).toContain('was removed')
  })

  it('utf8-bom: a BOM was added after signing', () => {
    const d = why(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compact)]), sign(compact, SECRET))
    expect(d.code).toBe('utf8-bom')
    expect(d.message).toContain('was added')
  })

  it('utf8-bom: the signed BOM was stripped', () => {
    const d = why(compact, sign(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compact)]), SECRET))
    expect(d.code).toBe('utf8-bom')
    expect(d.message).toContain('was removed')
  })

  it('line-endings: LF was converted to CRLF', () => {
    const d = why(pretty.replace(/\n/g, '\r\n'), sign(pretty, SECRET))
    expect(d.code).toBe('line-endings')
    expect(d.message).toContain('LF line endings instead of the CRLF received')
  })

  it('line-endings: CRLF was converted to LF', () => {
    const d = why(pretty, sign(pretty.replace(/\n/g, '\r\n'), SECRET))
    expect(d.code).toBe('line-endings')
    expect(d.message).toContain('CRLF line endings instead of the LF received')
  })

  it('tries each variant against every secret, not only the first', () => {
    const list = [{ label: 'API secret', secret: 'a' }, { label: 'listener #2', secret: 'b' }]
    expect(why(pretty, sign(compact, 'b'), list).code).toBe('reserialized-body')
  })

  it('mentions a non-canonical header alongside the real reason', () => {
    const d = why(pretty, sign(compact, SECRET).toUpperCase())
    expect(d.code).toBe('reserialized-body')
    expect(d.message).toContain('Also, the signature is upper-case hex')
  })
})

describe('signing: diagnose, odd inputs', () => {
  it('says matches when called on a header that verifies', () => {
    expect(diagnose(Buffer.from(compact), sign(compact, SECRET), secrets).code).toBe('matches')
  })

  it('survives hostile bodies', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    const protoKeys = '{"__proto__":{"x":1},"b":1,"a":2}'
    for (const body of [deep, protoKeys, '', '\uFEFF', '\r\n', 'not json', '1e999999']) {
      expect(why(body, sign('something else', SECRET)).code).toBe('mismatch')
    }
  })

  it('keeps "__proto__" a key when it sorts keys', () => {
    const received = '{"b":1,"__proto__":{"x":1},"a":2}'
    expect(why(received, sign('{"__proto__":{"x":1},"a":2,"b":1}', SECRET)).code).toBe('reordered-keys')
  })

  it('skips the body variants for a body over 2 MiB, and says so', () => {
    const big = JSON.stringify({ event: 'submission.updated', data: { blob: 'x'.repeat(3 * 1024 * 1024) } })
    const d = why(big, sign(JSON.stringify(JSON.parse(big), null, 2), SECRET))
    expect(d.code).toBe('mismatch')
    expect(d.message).toContain('skipped')
  })
})
