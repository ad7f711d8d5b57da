import { afterEach, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { renderTemplate } from '../../../src/core/catalog'

afterEach(cleanupAll)

function hmacHex(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex')
}

describe('receiver: capture', () => {
  it('stores the body byte-for-byte and the headers in order, with case and duplicates', async () => {
    const h = await harness()
    const { port } = await h.listen()
    const tls = await h.localTls()
    // Odd whitespace, a BOM, bytes that are not UTF-8, a NUL and CRLFs inside the body.
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{ "event" :\t"submission.created" ,\r\n  "x": "  "}  \n', 'utf8'),
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3])
    ])
    const request = httpRequest(
      'POST',
      '/hooks/kyc?b=2&a=1&a=%20x',
      ['Host: localhost', 'X-Custom-CASE: One', 'x-dup: first', 'Content-Type: application/json', 'X-Dup: second'],
      body
    )
    const res = await rawExchange(port, tls.caCertPem, request)
    expect(res.status).toBe(200)

    const { items, total } = await h.receiver.captures.list({ limit: 10 })
    expect(total).toBe(1)
    const capture = await h.receiver.captures.get({ id: items[0].id })
    expect(Buffer.from(capture.bodyBase64, 'base64').equals(body)).toBe(true)
    expect(capture.bodySize).toBe(body.length)
    expect(capture.method).toBe('POST')
    expect(capture.path).toBe('/hooks/kyc')
    expect(capture.query).toBe('b=2&a=1&a=%20x')
    expect(capture.httpVersion).toBe('1.1')
    expect(capture.remoteAddress).toMatch(/127\.0\.0\.1/)
    expect(capture.headers).toEqual([
      ['Host', 'localhost'],
      ['X-Custom-CASE', 'One'],
      ['x-dup', 'first'],
      ['Content-Type', 'application/json'],
      ['X-Dup', 'second'],
      ['Content-Length', String(body.length)],
      ['Connection', 'close']
    ])
    expect(capture.source).toBe('listener')
    expect(capture.bodyTruncated).toBe(false)
    expect(capture.bodySha256).toMatch(/^[0-9a-f]{64}$/)

    // And the BLOB column itself, read with SQL, is the exact bytes.
    const row = h.db.prepare('SELECT body FROM captures WHERE id = ?').get(capture.id) as { body: Buffer }
    expect(Buffer.compare(row.body, body)).toBe(0)
  })

  it('captures any method and path, including GET without a body', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    for (const [method, target] of [
      ['GET', '/'],
      ['DELETE', '/a/b'],
      ['PUT', '/x?'],
      ['PATCH', '/%2e%2e/etc']
    ]) {
      const res = await rawExchange(port, null, httpRequest(method, target, ['Host: x']))
      expect(res.status).toBe(200)
    }
    const { items } = await h.receiver.captures.list({ limit: 10 })
    expect(items.map((c) => `${c.method} ${c.path}?${c.query}`).reverse()).toEqual([
      'GET /?',
      'DELETE /a/b?',
      'PUT /x?',
      'PATCH /%2e%2e/etc?'
    ])
  })

  it('verifies signatures: valid with the API secret, invalid, missing, and with listener secrets', async () => {
    const h = await harness()
    const creds = await h.credentials.create({})
    const secret = creds.secret as string
    const { port } = await h.listen({ secrets: ['listener-secret'] })
    const ca = (await h.localTls()).caCertPem
    const body = Buffer.from(renderTemplate('submission.completed'), 'utf8')
    const send = (headers: string[]) => rawExchange(port, ca, httpRequest('POST', '/', ['Host: localhost', ...headers], body))

    await send([`X-SmartKYC-Signature: ${hmacHex(body, secret)}`])
    await send([`x-smartkyc-signature: ${hmacHex(body, 'listener-secret')}`])
    await send([`X-SmartKYC-Signature: ${hmacHex(body, 'wrong')}`])
    await send([])

    const { items } = await h.receiver.captures.list({ limit: 10 })
    const [first, second, third, fourth] = await Promise.all(items.reverse().map((c) => h.receiver.captures.get({ id: c.id })))
    expect(first.signature).toBe('valid')
    expect(first.signatureVerdict.matchedSecret).toBe('API secret')
    expect(second.signature).toBe('valid')
    expect(second.signatureVerdict.matchedSecret).toBe('listener secret #1')
    expect(third.signature).toBe('invalid')
    expect(third.signatureVerdict.received).toBe(hmacHex(body, 'wrong'))
    expect(third.signatureVerdict.diagnosis).not.toBeNull()
    expect(fourth.signature).toBe('missing')
    // The listener's own secret comes first, so `expected` is computed with it.
    expect(fourth.signatureVerdict.expected).toBe(hmacHex(body, 'listener-secret'))
  })

  it('does not use the API secret when the listener says not to', async () => {
    const h = await harness()
    const secret = (await h.credentials.create({})).secret as string
    const { port } = await h.listen({ useApiSecret: false, protocol: 'http' })
    const body = Buffer.from('{"event":"invitation.sent"}')
    await rawExchange(port, null, httpRequest('POST', '/', [`X-SmartKYC-Signature: ${hmacHex(body, secret)}`], body))
    const [item] = (await h.receiver.captures.list({ limit: 100 })).items
    expect(item.signature).toBe('invalid')
  })

  it('records schema verdicts and the event name', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    const bodies = [
      renderTemplate('aml.match.found'),
      '{"event":"aml.match.found","timestamp":"yesterday","data":{}}',
      'not json at all',
      '{"event":"payment.received","data":{}}'
    ]
    for (const b of bodies) await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from(b)))
    const items = (await h.receiver.captures.list({ limit: 100 })).items.reverse()
    expect(items.map((i) => i.schema)).toEqual(['valid', 'invalid', 'not-json', 'unknown-event'])
    expect(items[0].event).toBe('aml.match.found')
    expect(items[1].event).toBe('aml.match.found')
    const invalid = await h.receiver.captures.get({ id: items[1].id })
    expect(invalid.schemaVerdict.errors.length).toBeGreaterThan(0)
  })

  it('marks duplicates: same body on the same listener points at the first capture, across a restart', async () => {
    const h = await harness()
    const a = await h.listen({ protocol: 'http' })
    const b = await h.listen({ protocol: 'http' })
    const body = Buffer.from(renderTemplate('submission.approved'))
    const other = Buffer.from('{"other":true}')
    await rawExchange(a.port, null, httpRequest('POST', '/', [], body))
    await rawExchange(a.port, null, httpRequest('POST', '/', [], body))
    await rawExchange(a.port, null, httpRequest('POST', '/', [], other))
    await rawExchange(b.port, null, httpRequest('POST', '/', [], body))
    const [first, second, third, onB] = (await h.receiver.captures.list({ limit: 100 })).items.reverse()
    expect(first.duplicateOf).toBeNull()
    expect(second.duplicateOf).toBe(first.id)
    expect(third.duplicateOf).toBeNull()
    expect(onB.duplicateOf).toBeNull()
    expect(second.bodySha256).toBe(first.bodySha256)

    // A new process finds the first one through the index.
    const h2 = await h.reopen()
    await h2.receiver.listeners.start({ id: a.id })
    const port = Number(new URL((await h2.receiver.listeners.list({})).find((l) => l.id === a.id)?.state.url as string).port)
    await rawExchange(port, null, httpRequest('POST', '/', [], body))
    const [latest] = (await h2.receiver.captures.list({ limit: 1 })).items
    expect(latest.duplicateOf).toBe(first.id)
  })

  it('announces each capture after commit with its summary', async () => {
    const h = await harness()
    const { port, id } = await h.listen({ protocol: 'http' })
    await rawExchange(port, null, httpRequest('POST', '/p', [], Buffer.from('{}')))
    const [received] = eventsOf(h, 'capture.received')
    expect(received.listenerId).toBe(id)
    expect(received.path).toBe('/p')
    const stored = await h.receiver.captures.get({ id: received.id })
    expect(stored.seq).toBe(received.seq)
  })

  it('records a body over the limit as truncated and answers 413', async () => {
    const h = await harness()
    const { port } = await h.listen({ bodyLimitBytes: 1024, protocol: 'http' })
    const body = Buffer.alloc(4096, 0x61)
    const res = await rawExchange(port, null, httpRequest('POST', '/big', [], body))
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body.toString()).error).toMatch(/1024 bytes/)
    const [item] = (await h.receiver.captures.list({ limit: 100 })).items
    expect(item.bodyTruncated).toBe(true)
    expect(item.bodySize).toBe(1024)
    expect(item.responseStatus).toBe(413)
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(Buffer.from(capture.bodyBase64, 'base64').equals(body.subarray(0, 1024))).toBe(true)
    expect(capture.response.mode).toBe('too-large')

    // A body exactly at the limit is whole.
    const exact = await rawExchange(port, null, httpRequest('POST', '/ok', [], Buffer.alloc(1024, 0x62)))
    expect(exact.status).toBe(200)
  })

  it('keeps captures when the database is reopened', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    await rawExchange(port, null, httpRequest('POST', '/one', [], Buffer.from('1')))
    await rawExchange(port, null, httpRequest('POST', '/two', [], Buffer.from('2')))
    const before = await h.receiver.captures.list({ limit: 100 })
    const h2 = await h.reopen()
    const after = await h2.receiver.captures.list({ limit: 100 })
    expect(after).toEqual(before)
    expect((await h2.receiver.listeners.list({})).map((l) => l.state.status)).toEqual(['stopped'])
  })
})
