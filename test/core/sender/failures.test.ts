import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { generate } from 'selfsigned'
import { header, hmacHex, openHarness, startServer, type Harness, type Reply, type TestServer } from './harness'

const harnesses: Harness[] = []
const servers: TestServer[] = []
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  for (const s of servers.splice(0)) await s.close()
  for (const h of harnesses.splice(0)) {
    await h.close()
    fs.rmSync(h.dir, { recursive: true, force: true })
  }
})

async function setup(): Promise<Harness> {
  const h = await openHarness({ retryScheduleMs: [] })
  harnesses.push(h)
  return h
}
async function server(reply?: Reply, tlsOptions?: { key: string; cert: string }): Promise<TestServer> {
  const s = await startServer(reply, tlsOptions)
  servers.push(s)
  return s
}

const BODY = '{"event":"invitation.expired","data":{"invitationId":"inv_1"}}'

function to(url: string, extra: Partial<{ timeoutMs: number; insecureTls: boolean; caFile: string }> = {}) {
  return [{ url, headers: [], timeoutMs: 10_000, allowLocalHttp: true, insecureTls: false, ...extra }]
}

describe('failed attempts', () => {
  it('does not follow a redirect: a 3xx is an error that names the Location', async () => {
    const h = await setup()
    const final = await server()
    const s = await server((_r, _i, res) => {
      res.writeHead(302, { Location: `${final.url}/final` })
      res.end()
    })
    const result = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url), origin: 'cli' })
    const d = result.deliveries[0]
    expect(d.status).toBe('error')
    expect(d.lastResponseCode).toBe(302)
    expect(d.lastError).toBe(
      `HTTP 302 Found: redirect to ${final.url}/final not followed (Smart KYC does not follow redirects): point the endpoint at the final URL`
    )
    expect(final.requests).toHaveLength(0)
  })

  it('gives up on a silent server after the endpoint timeout, in words', async () => {
    const h = await setup()
    const hanging = new Set<http.ServerResponse>()
    const s = await server((_r, _i, res) => void hanging.add(res))
    cleanups.push(() => hanging.forEach((res) => res.destroy()))
    const result = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url, { timeoutMs: 300 }), origin: 'cli' })
    const d = result.deliveries[0]
    expect(d.status).toBe('error')
    expect(d.lastResponseCode).toBeNull()
    expect(d.lastError).toBe(`timeout: no response within 300 ms from 127.0.0.1:${s.port}`)
    expect(s.requests).toHaveLength(1)
  })

  it('says nothing listens when the connection is refused', async () => {
    const h = await setup()
    const probe = http.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))
    const result = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(`http://127.0.0.1:${port}/hook`), origin: 'cli' })
    const detail = await h.sender.deliveries.get({ id: result.deliveries[0].id })
    expect(detail.status).toBe('error')
    expect(detail.lastError).toBe(`connection refused: nothing listens on 127.0.0.1:${port} [ECONNREFUSED]`)
    expect(detail.attempts[0]).toMatchObject({ outcome: 'error', responseCode: null, requestUrl: `http://127.0.0.1:${port}/hook` })
  })

  it('records a server that resets the connection', async () => {
    const h = await setup()
    const s = await server((_r, _i, res) => res.socket?.destroy())
    const result = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url), origin: 'cli' })
    expect(result.deliveries[0].status).toBe('error')
    expect(result.deliveries[0].lastError).toMatch(/^connection reset: 127\.0\.0\.1:\d+ closed the connection before answering/)
  })
})

describe('HTTPS targets', () => {
  it('trusts the local CA for HTTPS targets', async () => {
    const h = await setup()
    const local = await h.tls.ensure()
    const s = await server(undefined, { key: local.leafKeyPem, cert: local.leafCertPem })
    const result = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(`${s.url}/secure`), origin: 'cli' })
    expect(result.deliveries[0]).toMatchObject({ status: 'success', lastError: null })
    expect(header(s.requests[0], 'X-SmartKYC-Signature')).toBe(hmacHex(s.requests[0].body, h.secret))
  })

  it('refuses an untrusted certificate in words, accepts it with insecure TLS (noted), or with its CA file', async () => {
    const h = await setup()
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      algorithm: 'sha256',
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
    })
    const s = await server(undefined, { key: pems.private, cert: pems.cert })

    const refused = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url), origin: 'cli' })
    expect(refused.deliveries[0].status).toBe('error')
    expect(refused.deliveries[0].lastError).toMatch(
      /^TLS: certificate not trusted \(self-signed\?\): trust the local CA or enable insecure TLS for this endpoint/
    )
    expect(s.requests).toHaveLength(0)

    const insecure = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url, { insecureTls: true }), origin: 'cli' })
    expect(insecure.deliveries[0].status).toBe('success')
    const detail = await h.sender.deliveries.get({ id: insecure.deliveries[0].id })
    expect(detail.attempts[0].error).toMatch(/^warning: TLS certificate not verified/)

    const caFile = path.join(h.dir, 'their-ca.pem')
    fs.writeFileSync(caFile, pems.cert)
    const withCa = await h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url, { caFile }), origin: 'cli' })
    expect(withCa.deliveries[0]).toMatchObject({ status: 'success', lastError: null })
    expect(s.requests).toHaveLength(2)

    await expect(
      h.sender.send.event({ event: 'invitation.expired', body: BODY, to: to(s.url, { caFile: path.join(h.dir, 'missing.pem') }), origin: 'cli' })
    ).rejects.toThrow(/cannot read the CA file .*missing\.pem/)
  })

  it('explains an https:// URL pointed at a plain HTTP server', async () => {
    const h = await setup()
    const s = await server()
    const result = await h.sender.send.event({
      event: 'invitation.expired',
      body: BODY,
      to: to(s.url.replace('http://', 'https://')),
      origin: 'cli'
    })
    expect(result.deliveries[0].status).toBe('error')
    expect(result.deliveries[0].lastError).toMatch(/^TLS: handshake with 127\.0\.0\.1:\d+ failed \(does it speak plain HTTP\?/)
  })
})
