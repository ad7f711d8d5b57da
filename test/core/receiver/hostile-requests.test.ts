/**
 * Requests built to hurt the receiver, sent over real sockets: a signature header that once
 * overflowed the stack, more headers than Node keeps by default, and a large body with a bad
 * signature (whose explanation must not hold up the reply). Every one is captured exactly,
 * and no answer carries internal error text.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { MAX_RECEIVED_CHARS } from '../../../src/core/signing'

afterEach(cleanupAll)

const SECRET = 'skyc_sec_hostile_0123456789'
const hmacHex = (body: Buffer | string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex')

/** `a=a=…=<64 hex>`: about 13 KB, under Node's header size limit; it overflowed the stack in diagnose. */
export function prefixBomb(prefixes: number, body: Buffer | string): string {
  return 'a='.repeat(prefixes) + hmacHex(body)
}

describe('receiver: hostile requests', () => {
  it('captures a request whose signature header is 6,500 "a=" prefixes, with a small verdict naming the problem', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', secrets: [SECRET] })
    const body = Buffer.from('{"event":"submission.created"}')
    const header = prefixBomb(6500, body)
    expect(header.length).toBeGreaterThan(13_000)
    const res = await rawExchange(port, null, httpRequest('POST', '/bomb', [`X-SmartKYC-Signature: ${header}`], body))
    // Before: 500 "Maximum call stack size exceeded" and nothing stored.
    expect(res.status).toBe(200)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect(item.signature).toBe('invalid')
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.signatureVerdict.diagnosis?.code).toBe('malformed-signature')
    expect(capture.signatureVerdict.diagnosis?.message).toMatch(/more than 4 "name=" prefixes/)
    // The full header stays in the headers; the verdict keeps a bounded copy.
    expect(capture.headers.find(([n]) => n === 'X-SmartKYC-Signature')?.[1]).toBe(header)
    expect(capture.signatureVerdict.received?.length).toBeLessThan(MAX_RECEIVED_CHARS + 100)
    const stored = h.db.prepare('SELECT length(signature_verdict) AS n FROM captures WHERE id = ?').get(item.id) as { n: number }
    expect(stored.n).toBeLessThan(4096)
  })

  it('keeps every one of 1,100 headers, so a signature sent after them is judged valid', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', secrets: [SECRET] })
    const body = Buffer.from('{"event":"submission.created"}')
    const filler = Array.from({ length: 1100 }, (_, i) => `x-h${i}: ${i}`)
    const res = await rawExchange(port, null, httpRequest('POST', '/many', [...filler, `X-SmartKYC-Signature: ${hmacHex(body)}`], body))
    // Either all headers are captured (2xx) or the request is refused whole (431): never a 2xx on a partial request.
    expect([200, 431]).toContain(res.status)
    if (res.status === 431) return
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    // Before: Node dropped the headers past the 1,000th, so this said "missing".
    expect(item.signature).toBe('valid')
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.headers.filter(([n]) => n.startsWith('x-h'))).toHaveLength(1100)
    expect(capture.headers).toHaveLength(1100 + 3) // + signature, Content-Length, Connection
  })

  it('refuses headers beyond the size limit with 431, capturing nothing', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    const filler = Array.from({ length: 3000 }, (_, i) => `x-header-number-${i}: ${i}`)
    const res = await rawExchange(port, null, httpRequest('POST', '/too-many', filler, Buffer.from('{}')))
    expect(res.status).toBe(431)
    expect((await h.receiver.captures.list({ limit: 1 })).total).toBe(0)
  })

  it('answers a large body with a bad signature at once and explains it afterwards, through capture.updated', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', secrets: [SECRET] })
    const value = { event: 'submission.created', data: { items: Array.from({ length: 4000 }, (_, i) => ({ i, name: `item ${i}` })) } }
    const body = Buffer.from(JSON.stringify(value))
    expect(body.length).toBeGreaterThan(64 * 1024) // INLINE_DIAGNOSIS_BYTES
    // Signed pretty-printed, sent compact: the diagnosis finds the re-serialisation.
    const signature = hmacHex(JSON.stringify(value, null, 2))

    // Read the row the moment it is committed (before the reply): the verdict is already
    // "invalid", and the explanation is marked as on its way.
    let atCommit: { status: string; code: string | undefined } | null = null
    h.bus.on('capture.received', (c) => {
      const row = h.db.prepare('SELECT signature_verdict FROM captures WHERE id = ?').get(c.id) as { signature_verdict: string }
      const verdict = JSON.parse(row.signature_verdict) as { status: string; diagnosis: { code: string } | null }
      atCommit = { status: verdict.status, code: verdict.diagnosis?.code }
    })
    const updated = new Promise<string>((resolve) => h.bus.on('capture.updated', (c) => resolve(c.id)))

    const res = await rawExchange(port, null, httpRequest('POST', '/large', [`X-SmartKYC-Signature: ${signature}`], body))
    expect(res.status).toBe(200)
    // Before: diagnosed on the request path, so the row was committed already explained.
    expect(atCommit).toEqual({ status: 'invalid', code: 'diagnosis-pending' })

    const id = await updated
    const capture = await h.receiver.captures.get({ id })
    expect(capture.signatureVerdict.status).toBe('invalid')
    expect(capture.signatureVerdict.diagnosis?.code).toBe('reserialized-body')
    expect(eventsOf(h, 'capture.updated').map((c) => c.signature)).toEqual(['invalid'])
  })

  it('a small body with a bad signature is still explained before the reply', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', secrets: [SECRET] })
    const body = Buffer.from('{"event":"submission.created"}\n')
    const res = await rawExchange(port, null, httpRequest('POST', '/small', [`X-SmartKYC-Signature: ${hmacHex(body.subarray(0, -1))}`], body))
    expect(res.status).toBe(200)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect((await h.receiver.captures.get({ id: item.id })).signatureVerdict.diagnosis?.code).toBe('trailing-newline')
    expect(eventsOf(h, 'capture.updated')).toHaveLength(0)
  })
})
