import { afterEach, describe, expect, it } from 'vitest'
import { createReplayService } from '../../../src/core/replay'
import type { ServiceOf } from '../../../src/shared/workbench-api'
import type { Capture } from '../../../src/shared/models'
import { header, hmacHex, startServer, type Harness, type TestServer } from '../sender/harness'
import { openHarnessWithRig, type CaptureRig } from '../exchange/capture-helpers'

interface Setup {
  h: Harness
  rig: CaptureRig
  replay: ServiceOf<'replay'>
  target: TestServer
}
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(): Promise<Setup> {
  const { h, rig } = await openHarnessWithRig(cleanups)
  const target = await startServer()
  cleanups.push(() => target.close())
  const replay = createReplayService({
    getCapture: (id) => rig.receiver.captures.get({ id }),
    sender: h.sender,
    credentials: h.credentials
  })
  return { h, rig, replay, target }
}

// Spacing and key order a re-serialiser would change: the signature only holds on these bytes.
const BODY = Buffer.from('{ "event":"submission.completed",\n  "data":{"submissionId":"sub_9","customerEmail":"zoë@example.com"} }', 'utf8')

async function signedCapture(s: Setup): Promise<Capture> {
  return s.rig.capture(
    'POST',
    '/hooks',
    [
      `Host: 127.0.0.1:${s.rig.port}`,
      'Content-Type: application/json',
      'user-agent: SmartKYC/1.0',
      `X-SmartKYC-Signature: ${hmacHex(BODY, s.h.secret)}`,
      'X-Custom-CASE: One',
      'x-dup: first',
      'X-Dup: second',
      'Proxy-Authorization: Basic abc',
      'Keep-Alive: timeout=5'
    ],
    BODY
  )
}

/** The captured headers minus connection-level ones: what a replay must send, in order. */
const replayable = (c: Capture) =>
  c.headers.filter(([n]) => !['host', 'connection', 'content-length', 'keep-alive', 'proxy-authorization'].includes(n.toLowerCase()))
const received = (r: TestServer['requests'][number]) =>
  r.headers.filter(([n]) => !['host', 'connection', 'content-length'].includes(n.toLowerCase()))

describe('replay.capture', () => {
  it('as-is: same bytes, same signature header, same headers in order, linked to the capture', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    const result = await s.replay.capture({ id: capture.id, url: `${s.target.url}/dev`, mode: 'as-is', insecureTls: false })
    expect(result.deliveries[0]).toMatchObject({
      status: 'success',
      url: `${s.target.url}/dev`,
      origin: { kind: 'replay-capture', id: capture.id },
      event: 'submission.completed'
    })
    expect(result.signature).toBe(hmacHex(BODY, s.h.secret))
    const [req] = s.target.requests
    expect(req.body.equals(BODY)).toBe(true)
    expect(header(req, 'X-SmartKYC-Signature')).toBe(hmacHex(req.body, s.h.secret))
    expect(received(req)).toEqual(replayable(capture))
    expect(received(req).map(([n]) => n)).toEqual(['Content-Type', 'user-agent', 'X-SmartKYC-Signature', 'X-Custom-CASE', 'x-dup', 'X-Dup'])
  })

  it('as-is keeps a wrong signature wrong: it is evidence, not something to fix', async () => {
    const s = await setup()
    const capture = await s.rig.capture('POST', '/h', [`Host: 127.0.0.1:${s.rig.port}`, 'X-SmartKYC-Signature: deadbeef'], BODY)
    await s.replay.capture({ id: capture.id, url: s.target.url, mode: 'as-is', insecureTls: false })
    expect(header(s.target.requests[0], 'X-SmartKYC-Signature')).toBe('deadbeef')
  })

  it('resign: same bytes and headers, the signature recomputed with the chosen secret in place', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    const result = await s.replay.capture({ id: capture.id, url: s.target.url, mode: 'resign', secret: 'rotated-secret', insecureTls: false })
    const [req] = s.target.requests
    expect(req.body.equals(BODY)).toBe(true)
    expect(result.signature).toBe(hmacHex(BODY, 'rotated-secret'))
    expect(header(req, 'X-SmartKYC-Signature')).toBe(hmacHex(req.body, 'rotated-secret'))
    expect(received(req)).toEqual(replayable(capture).map(([n, v]) => [n, n === 'X-SmartKYC-Signature' ? result.signature : v]))
  })

  it('resign adds a signature to an unsigned capture, with the API secret by default', async () => {
    const s = await setup()
    const capture = await s.rig.capture('POST', '/h', [`Host: 127.0.0.1:${s.rig.port}`, 'Content-Type: application/json', 'X-A: 1'], BODY)
    await s.replay.capture({ id: capture.id, url: s.target.url, mode: 'resign', insecureTls: false })
    const [req] = s.target.requests
    expect(received(req)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', hmacHex(BODY, s.h.secret)],
      ['X-A', '1']
    ])
  })

  it('edited: the new text as UTF-8 bytes, signed afresh', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    const edited = '{"event":"submission.rejected","data":{"submissionId":"sub_9","reason":"ünclear"}}'
    const result = await s.replay.capture({ id: capture.id, url: s.target.url, mode: 'edited', body: edited, insecureTls: false })
    const [req] = s.target.requests
    expect(req.body.equals(Buffer.from(edited, 'utf8'))).toBe(true)
    expect(header(req, 'X-SmartKYC-Signature')).toBe(hmacHex(req.body, s.h.secret))
    expect(result.deliveries[0].event).toBe('submission.rejected')
    const detail = await s.h.sender.deliveries.get({ id: result.deliveries[0].id })
    expect(Buffer.from(detail.bodyBase64, 'base64').toString('utf8')).toBe(edited)
  })

  it('edited: sends the edited headers instead of the captured ones, with the signature computed (issue 6, item 20)', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    const edited = '{"event":"submission.approved","data":{"submissionId":"sub_9"}}'
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', 'stale'],
      ['X-Tenant', 'tenant_two'],
      ['Host', 'ignored.example'],
      ['Authorization', 'Bearer edited']
    ]
    await s.replay.capture({ id: capture.id, url: s.target.url, mode: 'edited', body: edited, headers, insecureTls: false })
    const [req] = s.target.requests
    expect(received(req).filter(([n]) => n.toLowerCase() !== 'user-agent')).toEqual([
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', hmacHex(Buffer.from(edited, 'utf8'), s.h.secret)],
      ['X-Tenant', 'tenant_two'],
      ['Authorization', 'Bearer edited']
    ])
    // The captured custom header was removed in the edit, so it is not sent.
    expect(header(req, 'X-Custom-CASE')).toBeUndefined()
  })

  it('refuses edited headers that could not travel, and headers outside edited mode', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    const base = { id: capture.id, url: s.target.url, body: '{}', insecureTls: false }
    await expect(s.replay.capture({ ...base, mode: 'edited', headers: [['Bad Name', 'x']] })).rejects.toThrow(/header name "Bad Name" is not a valid HTTP header name/)
    await expect(s.replay.capture({ ...base, mode: 'edited', headers: [['X-A', 'one\r\ntwo']] })).rejects.toThrow(/X-A has a line break/)
    await expect(s.replay.capture({ ...base, mode: 'as-is', headers: [['X-A', '1']] })).rejects.toThrow(/choose mode edited to send other headers/)
    expect(s.target.requests).toHaveLength(0)
  })

  it('explains what is missing', async () => {
    const s = await setup()
    const capture = await signedCapture(s)
    await expect(s.replay.capture({ id: capture.id, url: s.target.url, mode: 'edited', insecureTls: false })).rejects.toThrow(
      'replay mode edited needs the new body text: pass body'
    )
    await expect(s.replay.capture({ id: 'cap_nope', url: s.target.url, mode: 'as-is', insecureTls: false })).rejects.toThrow(
      /capture "cap_nope" does not exist/
    )
    await expect(s.replay.capture({ id: capture.id, url: 'http://example.com/x', mode: 'as-is', insecureTls: false })).rejects.toThrow(
      /http:\/\/example.com\/x is not HTTPS/
    )
    const noSecret = createReplayService({
      getCapture: (id) => s.rig.receiver.captures.get({ id }),
      sender: s.h.sender,
      credentials: { currentSecret: () => null }
    })
    await expect(noSecret.capture({ id: capture.id, url: s.target.url, mode: 'resign', insecureTls: false })).rejects.toThrow(
      /there is no API secret yet/
    )
    expect(s.target.requests).toHaveLength(0)
  })
})
