import { afterEach, describe, expect, it } from 'vitest'
import net from 'node:net'
import { cleanupAll, harness, httpRequest, rawExchange } from './helpers'
import { decideResponse } from '../../../src/core/receiver/response-rule'
import { ResponseRule } from '../../../src/shared/models'

afterEach(cleanupAll)

const rule = (r: Partial<ResponseRule>) => ResponseRule.parse(r)

describe('decideResponse', () => {
  it('answers the rule by default, failFirst for the first N attempts, failureRate by the draw', () => {
    expect(decideResponse(rule({ status: 202, body: 'ok' }), 1)).toMatchObject({ kind: 'reply', status: 202, body: 'ok', simulated: null })
    const ff = rule({ failFirst: 2, failureStatus: 503 })
    expect(decideResponse(ff, 1)).toMatchObject({ kind: 'reply', status: 503, simulated: 'fail-first' })
    expect(decideResponse(ff, 2)).toMatchObject({ status: 503 })
    expect(decideResponse(ff, 3)).toMatchObject({ status: 200, simulated: null })
    const rate = rule({ failureRate: 0.25, failureStatus: 429 })
    expect(decideResponse(rate, 1, 0.2)).toMatchObject({ status: 429, simulated: 'failure-rate' })
    expect(decideResponse(rate, 1, 0.25)).toMatchObject({ status: 200 })
    expect(decideResponse(rule({ mode: 'timeout', failFirst: 5 }), 1)).toEqual({ kind: 'timeout', delayMs: 0 })
    expect(decideResponse(rule({ mode: 'reset', delayMs: 7 }), 1)).toEqual({ kind: 'reset', delayMs: 7 })
  })
})

describe('receiver: response rules on the wire', () => {
  it('replies with the rule status, headers (case kept) and body', async () => {
    const h = await harness()
    const { port } = await h.listen({
      protocol: 'http',
      rule: { status: 202, headers: [['X-Rule-Header', 'yes'], ['Content-Type', 'text/plain']], body: 'accepted!' }
    })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('{}')))
    expect(res.status).toBe(202)
    expect(res.headers).toContainEqual(['X-Rule-Header', 'yes'])
    expect(res.body.toString()).toBe('accepted!')
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect(item.responseStatus).toBe(202)
    const capture = await h.receiver.captures.get({ id: item.id })
    expect(capture.response).toEqual({
      mode: 'reply',
      status: 202,
      headers: [['X-Rule-Header', 'yes'], ['Content-Type', 'text/plain']],
      body: 'accepted!',
      delayMs: 0
    })
  })

  it('failFirst: the first N attempts of each body fail, later ones succeed, counted per body', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', rule: { failFirst: 2, failureStatus: 503 } })
    const send = (b: string) => rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from(b))).then((r) => r.status)
    expect([await send('A'), await send('A'), await send('A'), await send('B'), await send('A')]).toEqual([503, 503, 200, 503, 200])
    const statuses = (await h.receiver.captures.list({ limit: 10 })).items.reverse().map((c) => c.responseStatus)
    expect(statuses).toEqual([503, 503, 200, 503, 200])
  })

  it('failureRate 1 always fails with failureStatus', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', rule: { failureRate: 1, failureStatus: 429 } })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('x')))
    expect(res.status).toBe(429)
    expect(JSON.parse(res.body.toString()).error).toBe('simulated failure')
  })

  it('delay: answers after the delay and records it', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', rule: { delayMs: 150 } })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('x')))
    expect(res.status).toBe(200)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect((await h.receiver.captures.get({ id: item.id })).response.delayMs).toBe(150)
  })

  it('timeout: never answers, the client gives up, and the request is still captured', async () => {
    const h = await harness()
    const { port } = await h.listen({ rule: { mode: 'timeout' } })
    const ca = (await h.localTls()).caCertPem
    await expect(rawExchange(port, ca, httpRequest('POST', '/t', [], Buffer.from('{"a":1}')), 500)).rejects.toThrow('timeout')
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect(item.path).toBe('/t')
    expect(item.responseStatus).toBeNull()
    expect((await h.receiver.captures.get({ id: item.id })).response.mode).toBe('timeout')
    // A held socket does not keep the listener from stopping.
    expect((await h.receiver.listeners.stop({ id: item.listenerId as string })).status).toBe('stopped')
  })

  it('reset: drops the connection without an answer, and the request is still captured', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http', rule: { mode: 'reset' } })
    const err = await rawExchange(port, null, httpRequest('POST', '/r', [], Buffer.from('x'))).catch((e: unknown) => e)
    // Either a TCP reset or a close with no response bytes: never an HTTP answer.
    expect(String(err)).toMatch(/ECONNRESET/)
    const [item] = (await h.receiver.captures.list({ limit: 1 })).items
    expect(item.path).toBe('/r')
    expect((await h.receiver.captures.get({ id: item.id })).response.mode).toBe('reset')
  })

  it('reset over TLS also drops the connection', async () => {
    const h = await harness()
    const { port } = await h.listen({ rule: { mode: 'reset' } })
    const ca = (await h.localTls()).caCertPem
    const err = await rawExchange(port, ca, httpRequest('POST', '/r', [], Buffer.from('x'))).catch((e: unknown) => e)
    // Under the HTTP parser, Node closes a TLS connection with a FIN even when asked for a
    // reset; either way the client gets no HTTP answer at all.
    expect(String(err)).toMatch(/ECONNRESET|no complete response head in ""/)
    expect((await h.receiver.captures.list({ limit: 1 })).total).toBe(1)
  })

  it('applies a rule change to a running listener without restarting it', async () => {
    const h = await harness()
    const { id, port } = await h.listen({ protocol: 'http' })
    await h.receiver.listeners.update({ id, patch: { rule: ResponseRule.parse({ status: 418, body: 'teapot' }) } })
    const res = await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('x')))
    expect(res.status).toBe(418)
    expect(res.body.toString()).toBe('teapot')
  })

  it('survives malformed HTTP and a client that leaves mid-body', async () => {
    const h = await harness()
    const { port } = await h.listen({ protocol: 'http' })
    const garbage = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => s.write('THIS IS NOT HTTP\r\n\r\n'))
      let text = ''
      s.on('data', (c) => (text += c.toString()))
      s.on('close', () => resolve(text))
      s.on('error', () => undefined)
    })
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)

    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.write('POST /partial HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a little')
        setTimeout(() => s.destroy(), 50)
      })
      s.on('close', () => resolve())
      s.on('error', () => undefined)
    })

    const ok = await rawExchange(port, null, httpRequest('POST', '/after', [], Buffer.from('x')))
    expect(ok.status).toBe(200)
    const paths = (await h.receiver.captures.list({ limit: 10 })).items.map((c) => c.path)
    expect(paths).toEqual(['/after'])
  })
})
