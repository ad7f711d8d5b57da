/**
 * The compose, endpoints, deliveries and verify slices against a real engine: a Workbench
 * on a temporary SQLite file behind the real dispatcher (what the preload exposes as
 * window.workbench), delivering to a real HTTP server on 127.0.0.1.
 */
import { describe, expect, it, vi } from 'vitest'
import type { Delivery } from '../../src/shared/models'
import { engine, useStoreWithEngine, useWorkbench } from './store-with-engine'

useStoreWithEngine()

/** How long vi.waitFor retries: the store updates after debounces and I/O. */
const WAIT = { timeout: 30_000, interval: 25 }

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

async function createEndpoint(name: string, url: string, active = true) {
  const result = await useWorkbench.getState().endpoints.create({ name, url, active, allowLocalHttp: true, headers: [['X-API-Key', 'k-123']] })
  if (!result.ok) throw new Error(result.error)
  return result.endpoint
}

describe('compose & send slice', () => {
  it('loads the catalog and template, previews the signature of the exact bytes, and sends them', async () => {
    const s = () => useWorkbench.getState()
    await s().settings.createCredentials()
    const endpoint = await createEndpoint('Local', engine.targetUrl)
    await createEndpoint('Paused', engine.targetUrl, false)

    await s().compose.open(null)
    expect(s().compose.events).toHaveLength(11)
    expect(s().compose.event).toBe('submission.completed')
    expect(JSON.parse(s().compose.body).event).toBe('submission.completed')
    expect(s().compose.schemas['submission.completed']).toBeTypeOf('object')
    // Only the active endpoint starts ticked.
    expect(s().compose.selected).toEqual([endpoint.id])

    const body = `${s().compose.body.trimEnd()}\n` // a trailing newline: the bytes must travel as typed
    s().compose.setBody(body)
    const preview = await vi.waitFor(() => {
      const sig = s().compose.signature
      if (sig.status !== 'ready' || !sig.signature) throw new Error(`the live signature is still ${sig.status}`)
      return sig.signature
    }, WAIT)
    await vi.waitFor(() => expect(s().compose.validation?.status).toBe('valid'), WAIT)

    await s().compose.send()
    const result = s().compose.result
    expect(s().compose.sendError).toBeNull()
    expect(result?.signature).toBe(preview)
    expect(result?.deliveries).toHaveLength(1)
    expect(result?.deliveries[0]).toMatchObject({ status: 'success', lastResponseCode: 200, endpointId: endpoint.id })
    expect(engine.received).toHaveLength(1)
    expect(text(engine.received[0].body)).toBe(body)
    expect(engine.received[0].headers['x-smartkyc-signature']).toBe(preview)
    expect(engine.received[0].headers['x-api-key']).toBe('k-123')
    // The latest attempt is read for its duration.
    await vi.waitFor(() => expect(s().compose.resultAttempts[result!.deliveries[0].id]).toBeTruthy(), WAIT)

    // Edits survive switching events; reset brings the template back.
    await s().compose.selectEvent('aml.match.found')
    expect(JSON.parse(s().compose.body).event).toBe('aml.match.found')
    await s().compose.selectEvent('submission.completed')
    expect(s().compose.body).toBe(body)
    s().compose.resetToTemplate()
    expect(s().compose.body).toBe(s().compose.templates['submission.completed'])
  })

  it('preselects only the endpoint a Test webhook came from, refuses an empty target list, sends ad hoc', async () => {
    const s = () => useWorkbench.getState()
    await s().settings.createCredentials()
    await createEndpoint('A', engine.targetUrl)
    const b = await createEndpoint('B', engine.targetUrl, false)

    await s().compose.open(b.id)
    expect(s().compose.selected).toEqual([b.id])
    await s().compose.send()
    expect(s().compose.result?.deliveries.map((d) => d.endpointId)).toEqual([b.id])
    await vi.waitFor(() => expect(s().compose.result?.deliveries[0].status).toBe('success'), WAIT)

    s().compose.setSelected([])
    await s().compose.send()
    expect(s().compose.sendError).toMatch(/Tick at least one endpoint/)
    expect(s().compose.result).toBeNull()

    s().compose.setTargetMode('url')
    s().compose.setAdHoc({ url: engine.targetUrl })
    await s().compose.send()
    expect(s().compose.result?.deliveries[0]).toMatchObject({ status: 'success', endpointId: null, url: engine.targetUrl })
    expect(engine.received).toHaveLength(2)
  })
})

describe('deliveries slice', () => {
  it('lists, filters and opens deliveries, and follows retries pushed by the engine', async () => {
    const s = () => useWorkbench.getState()
    await s().settings.createCredentials()
    // Fast retries so the test sees the second attempt soon.
    await s().settings.update({ retryScheduleMs: [300, 300] })
    const endpoint = await createEndpoint('Flaky', engine.targetUrl)
    // The first attempt fails, the retry succeeds, however late it runs.
    engine.failNextRequests(1)

    const updates: Delivery[] = []
    const stop = engine.bridge.subscribe('delivery.updated', (d) => updates.push(d))
    try {
      await s().compose.open(null)
      await s().compose.send()
      const first = s().compose.result!.deliveries[0]
      expect(first.status).toBe('pending')
      expect(first.lastResponseCode).toBe(500)

      await s().deliveries.load()
      expect(s().deliveries.items.map((d) => d.id)).toEqual([first.id])
      await s().deliveries.select(first.id)
      expect(s().deliveries.detail?.attempts[0]).toMatchObject({ number: 1, responseCode: 500, outcome: 'error' })
      expect(s().deliveries.detail?.signature).toBe(s().compose.result!.signature)

      // The retry succeeds; the pushed update reaches the list, the detail and the composer.
      await vi.waitFor(() => expect(updates).toContainEqual(expect.objectContaining({ id: first.id, status: 'success' })), WAIT)
      s().deliveries.applyLive(updates, [])
      s().compose.applyDeliveries(updates)
      s().endpoints.applyDeliveries(updates)
      expect(s().deliveries.items[0]).toMatchObject({ id: first.id, status: 'success', attemptCount: 2 })
      expect(s().compose.result!.deliveries[0].status).toBe('success')
      expect(s().endpoints.lastDelivery[endpoint.id]).toMatchObject({ deliveryId: first.id, status: 'success', code: 200 })
      await vi.waitFor(() => expect(s().deliveries.detail?.attempts).toHaveLength(2), WAIT)

      s().deliveries.setFilters({ status: 'error' })
      await vi.waitFor(() => {
        expect(s().deliveries.loading).toBe(false)
        expect(s().deliveries.items).toHaveLength(0)
      }, WAIT)
      s().deliveries.resetFilters()
      await vi.waitFor(() => {
        expect(s().deliveries.loading).toBe(false)
        expect(s().deliveries.items).toHaveLength(1)
      }, WAIT)

      await s().deliveries.resend(first.id)
      const resent = s().deliveries.lastResend!.deliveries[0]
      expect(resent).toMatchObject({ status: 'success', origin: { kind: 'resend-delivery', id: first.id } })
      expect(s().deliveries.items.map((d) => d.id)).toContain(resent.id)
    } finally {
      stop()
    }
  })
})

describe('verify slice', () => {
  it('verifies with the stored secret and a pasted one, and notices a changed byte', async () => {
    const s = () => useWorkbench.getState()
    await s().settings.createCredentials()
    const secret = s().settings.revealedSecret!
    const body = '\uFEFF{\r\n  "event": "submission.created"\r\n}\r\n'
    const { signature } = await engine.bridge.call('signing.signWithStored', { body })

    s().verify.setBody(body, 'file', 'body.json')
    s().verify.setSignature(signature!)
    await s().verify.run()
    expect(s().verify.verdict).toMatchObject({ status: 'valid', expected: signature })

    // One byte less (the final newline) and the same signature no longer matches.
    s().verify.setBody(body.replace(/\r\n$/, ''))
    expect(s().verify.verdict).toBeNull()
    await s().verify.run()
    expect(s().verify.verdict?.status).toBe('invalid')
    expect(s().verify.verdict?.diagnosis?.message).toBeTruthy()

    // Only a pasted secret.
    s().verify.setBody(body, 'file', 'body.json')
    s().verify.setUseStored(false)
    await s().verify.run()
    expect(s().verify.error).toMatch(/Choose a secret/)
    s().verify.setSecret(secret)
    await s().verify.run()
    expect(s().verify.verdict?.status).toBe('valid')
    s().verify.setSecret('some-other-secret')
    await s().verify.run()
    expect(s().verify.verdict?.status).toBe('invalid')
  })
})

describe('endpoints slice', () => {
  it('creates, toggles and deletes endpoints, and reports an engine refusal as text', async () => {
    const s = () => useWorkbench.getState()
    const e = await createEndpoint('Local', engine.targetUrl)
    await s().endpoints.load()
    expect(s().endpoints.items.map((x) => x.name)).toEqual(['Local'])

    await s().endpoints.setActive(e.id, false)
    expect(s().endpoints.items[0].active).toBe(false)
    expect((await engine.bridge.call('endpoints.list', {}))[0].active).toBe(false)

    const refused = await s().endpoints.create({ name: 'Plain', url: 'http://api.example.com/hooks' })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error).toMatch(/https/i)

    expect(await s().endpoints.remove(e.id)).toBe(true)
    expect(s().endpoints.items).toEqual([])
    expect(await s().endpoints.remove(e.id)).toBe(false)
  })
})
