import { afterEach, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { createExchangeService, type ExchangeService } from '../../../src/core/exchange'
import type { Capture } from '../../../src/shared/models'
import { startServer, type Harness, type TestServer } from '../sender/harness'
import { openHarnessWithRig, type CaptureRig } from './capture-helpers'

interface Setup {
  h: Harness
  rig: CaptureRig
  exchange: ExchangeService
}
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(): Promise<Setup> {
  const { h, rig } = await openHarnessWithRig(cleanups)
  const exchange = createExchangeService({ db: h.db, receiver: rig.receiver, sender: h.sender, caCertPath: () => h.tls.caCertPath() })
  return { h, rig, exchange }
}

const TEXT_BODY = Buffer.from('{"event":"submission.created","data":{"note":"it\'s \\"quoted\\" $(rm -rf /) `id` ünïcödé\\n"}}\n', 'utf8')
const BINARY_BODY = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x27, 0x80, 0x7d])

async function twoCaptures(s: Setup): Promise<[Capture, Capture]> {
  const host = `Host: 127.0.0.1:${s.rig.port}`
  const text = await s.rig.capture('POST', '/hooks/kyc?b=2&a=%20x', [host, 'Content-Type: application/json', 'X-SmartKYC-Signature: abc', 'x-dup: 1', 'X-Dup: 2', "X-Quote: it's"], TEXT_BODY)
  const binary = await s.rig.capture('PUT', '/bin', [host, 'Content-Type: application/octet-stream'], BINARY_BODY)
  return [text, binary]
}

describe('HAR export', () => {
  it('writes valid HAR 1.2 with headers in order, text or base64 bodies and _smartkyc fields', async () => {
    const s = await setup()
    const [text, binary] = await twoCaptures(s)
    const { filename, content } = await s.exchange.export({ format: 'har', ids: [text.id, binary.id], includeSecrets: true, pageSize: 500 })
    expect(filename).toMatch(/^smart-kyc-captures-.*\.har$/)
    const har = JSON.parse(content)
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator.name).toBe('Smart KYC Webhook Workbench')
    expect(har.log.entries).toHaveLength(2)
    const [e1, e2] = har.log.entries
    expect(e1.startedDateTime).toBe(text.receivedAt)
    expect(e1.request).toMatchObject({
      method: 'POST',
      url: `http://127.0.0.1:${s.rig.port}/hooks/kyc?b=2&a=%20x`,
      httpVersion: 'HTTP/1.1',
      headersSize: -1,
      bodySize: TEXT_BODY.length,
      queryString: [{ name: 'b', value: '2' }, { name: 'a', value: ' x' }],
      postData: { mimeType: 'application/json', text: TEXT_BODY.toString('utf8') }
    })
    expect(e1.request.headers).toEqual(text.headers.map(([name, value]) => ({ name, value })))
    expect(e1.response).toMatchObject({ status: 200, statusText: 'OK', headersSize: -1 })
    expect(e1.response.content.text).toBe(text.response.body)
    expect(e1.cache).toEqual({})
    expect(e1.timings).toMatchObject({ send: 0, receive: 0 })
    expect(e1._smartkyc).toMatchObject({ id: text.id, signature: text.signature, schema: text.schema, duplicateOf: null, event: text.event })
    expect(e2.request.postData).toEqual({ mimeType: 'application/octet-stream', text: BINARY_BODY.toString('base64'), encoding: 'base64' })
  })

  it('round-trips: exported HAR imports to the same bytes and headers', async () => {
    const s = await setup()
    const [text, binary] = await twoCaptures(s)
    const { content } = await s.exchange.export({ format: 'har', ids: [text.id, binary.id], includeSecrets: true, pageSize: 500 })
    const result = await s.exchange.importHar({ content })
    expect(result.imported).toBe(2)
    const imported = s.rig.receiver.getCaptures().filter((c) => c.source === 'import')
    expect(imported).toHaveLength(2)
    for (const [original, copy] of [[text, imported[0]], [binary, imported[1]]] as const) {
      expect(copy.bodyBase64).toBe(original.bodyBase64)
      expect(copy.headers).toEqual(original.headers)
      expect(copy).toMatchObject({
        method: original.method,
        path: original.path,
        query: original.query,
        httpVersion: original.httpVersion,
        receivedAt: original.receivedAt,
        remoteAddress: original.remoteAddress,
        responseStatus: original.responseStatus,
        bodySha256: original.bodySha256
      })
    }
  })

  it('exports a delivery as one entry per attempt', async () => {
    const s = await setup()
    const target = await startServer()
    cleanups.push(() => target.close())
    const sent = await s.h.sender.send.event({
      event: 'submission.created',
      body: TEXT_BODY.toString('utf8'),
      to: [{ url: `${target.url}/x`, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
      origin: 'cli'
    })
    const id = sent.deliveries[0].id
    await s.h.sender.deliveries.retryNow({ id })
    const har = JSON.parse((await s.exchange.export({ format: 'har', ids: [id], includeSecrets: true, pageSize: 500 })).content)
    expect(har.log.entries).toHaveLength(2)
    expect(har.log.entries.map((e: { _smartkyc: { attempt: number } }) => e._smartkyc.attempt)).toEqual([1, 2])
    expect(har.log.entries[0].request.postData.text).toBe(TEXT_BODY.toString('utf8'))
    expect(har.log.entries[0].request.headers[1]).toEqual({ name: 'X-SmartKYC-Signature', value: sent.signature })
    await expect(s.exchange.export({ format: 'har', ids: ['dlv_missing'], includeSecrets: true, pageSize: 500 })).rejects.toThrow(/delivery "dlv_missing" does not exist/)
  })
})

describe('NDJSON export', () => {
  it('writes one Capture per line, newest first like the Inbox', async () => {
    const s = await setup()
    const [text, binary] = await twoCaptures(s)
    const { filename, content } = await s.exchange.export({ format: 'ndjson', includeSecrets: true, pageSize: 500 })
    expect(filename).toMatch(/\.ndjson$/)
    const lines = content.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(lines).toEqual([binary, text].map((c) => JSON.parse(JSON.stringify(c))))
    expect(Buffer.from(lines[0].bodyBase64, 'base64').equals(BINARY_BODY)).toBe(true)
  })
})

describe('HAR import', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: { method: 'POST', url: 'https://example.com/hook', httpVersion: 'HTTP/1.1', headers: [], queryString: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    ...over
  })
  const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } })

  it('names the entry and field that is wrong and imports nothing', async () => {
    const s = await setup()
    const bad = entry({ request: { url: 'https://example.com/x', headers: [] } })
    await expect(s.exchange.importHar({ content: har([entry(), entry(), bad]) })).rejects.toThrow('entry 3: request.method missing')
    expect(s.rig.receiver.getCaptures()).toHaveLength(0)
    await expect(s.exchange.importHar({ content: '{"log": {}}' })).rejects.toThrow(/log.entries is missing/)
    await expect(s.exchange.importHar({ content: 'not json' })).rejects.toThrow(/not JSON/)
    await expect(
      s.exchange.importHar({ content: har([entry({ request: { method: 'POST', url: 'https://e/x', headers: [{ name: 'X-A', value: 'a\r\nB: c' }] } })]) })
    ).rejects.toThrow(/entry 1: request.headers\[0\] \(X-A\) has a line break/)
    await expect(
      s.exchange.importHar({ content: har([entry({ request: { method: 'POST', url: 'https://e/x', postData: { mimeType: '', text: '%%%', encoding: 'base64' } } })]) })
    ).rejects.toThrow(/entry 1: request.postData.text is marked base64/)
    expect(s.rig.receiver.getCaptures()).toHaveLength(0)
  })

  it('takes browser HAR: HTTP/2 pseudo-headers, form params, no response', async () => {
    const s = await setup()
    const browser = entry({
      request: {
        method: 'POST',
        url: 'https://shop.example/api/hook?x=1#frag',
        httpVersion: 'h2',
        headers: [{ name: ':authority', value: 'shop.example' }, { name: ':method', value: 'POST' }, { name: 'content-type', value: 'application/x-www-form-urlencoded' }],
        postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a', value: '1 2' }, { name: 'b', value: 'ü' }] }
      },
      response: undefined
    })
    expect((await s.exchange.importHar({ content: `\uFEFF${har([browser])}` })).imported).toBe(1)
    const [c] = s.rig.receiver.getCaptures()
    expect(c).toMatchObject({ source: 'import', method: 'POST', path: '/api/hook', query: 'x=1', httpVersion: '2.0', responseStatus: null })
    expect(c.headers).toEqual([['Host', 'shop.example'], ['content-type', 'application/x-www-form-urlencoded']])
    expect(Buffer.from(c.bodyBase64, 'base64').toString()).toBe('a=1+2&b=%C3%BC')
  })
})

function sh(command: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ stdout, stderr })
    )
  })
}

describe('curl', () => {
  // curl is installed here (/usr/bin/curl); the commands run through a real sh -c.
  it.each([
    ['printable text with quotes and shell syntax', TEXT_BODY],
    ['binary bytes', BINARY_BODY],
    ['text that starts with @', Buffer.from('@/etc/passwd')],
    ['a body of 70 KiB', Buffer.alloc(70 * 1024, 'x')]
  ])('reproduces %s byte for byte, headers in order', async (_name, body) => {
    const s = await setup()
    const original = await s.rig.capture(
      'POST',
      "/hooks/it's?q=[1]&r={2}",
      [`Host: 127.0.0.1:${s.rig.port}`, 'Content-Type: application/json', "X-Quote: it's $HOME `id`", 'X-Empty:', 'x-dup: 1', 'X-Dup: 2'],
      body
    )
    const { command } = await s.exchange.curlForCapture({ id: original.id, includeSecrets: true })
    await sh(command)
    const copies = s.rig.receiver.getCaptures().filter((c) => c.id !== original.id)
    expect(copies).toHaveLength(1)
    const copy = copies[0]
    expect(copy.method).toBe('POST')
    expect(copy.path).toBe(original.path)
    expect(copy.query).toBe(original.query)
    expect(copy.bodyBase64).toBe(original.bodyBase64)
    // Our raw request ended with Content-Length then Connection: close; curl writes its own
    // Content-Length after the custom headers, and passes the Connection header on.
    const withoutLength = (c: Capture) => c.headers.filter(([n]) => n.toLowerCase() !== 'content-length')
    expect(withoutLength(copy)).toEqual(withoutLength(original))
    expect(copy.headers.find(([n]) => n === 'Content-Length')?.[1]).toBe(String(body.length))
  })

  it('reproduces a delivery and refuses unknown ids', async () => {
    const s = await setup()
    const target: TestServer = await startServer()
    cleanups.push(() => target.close())
    const sent = await s.h.sender.send.event({
      event: 'submission.created',
      body: TEXT_BODY.toString('utf8'),
      to: [{ url: `${target.url}/d`, headers: [['X-Api-Key', "k'1"]], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false }],
      origin: 'cli'
    })
    const { command } = await s.exchange.curlForDelivery({ id: sent.deliveries[0].id, includeSecrets: true })
    await sh(command)
    expect(target.requests).toHaveLength(2)
    const [first, again] = target.requests
    expect(again.body.equals(first.body)).toBe(true)
    const ours = (r: typeof first) => r.headers.filter(([n]) => !['host', 'connection', 'content-length'].includes(n.toLowerCase()))
    expect(ours(again)).toEqual(ours(first))
    await expect(s.exchange.curlForCapture({ id: 'cap_nope', includeSecrets: false })).rejects.toThrow(/capture "cap_nope" does not exist/)
    await expect(s.exchange.curlForDelivery({ id: 'dlv_nope', includeSecrets: false })).rejects.toThrow(/delivery "dlv_nope" does not exist/)
  })
})
