/**
 * Every contract method, called through the dispatcher against a real Workbench on a temp
 * database, answers with output that passes the contract (the dispatcher validates it),
 * and every event the engine pushes meanwhile passes its payload schema. This is what
 * both transports rely on; a drift between engine and contract fails here first.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../src/shared/dispatcher'
import { events, methods, type EventKey, type MethodInput, type MethodName, type MethodOutput } from '../../src/shared/contract'
import { Scratch } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

describe('contract conformance of the real engine', () => {
  it('answers every contract method with contract-valid output and pushes contract-valid events', async () => {
    const wb = await scratch.workbench()
    const called = new Set<string>()
    const logged: string[] = []
    const dispatcher = createDispatcher(wb, { log: (message, details) => void logged.push(`${message} ${JSON.stringify(details)}`) })

    const badEvents: string[] = []
    const seenEvents = new Set<string>()
    wb.bus.onAny((event, payload) => {
      seenEvents.add(event)
      const parsed = events[event as EventKey].safeParse(payload)
      if (!parsed.success) badEvents.push(`${event}: ${parsed.error.message}`)
    })

    async function ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      called.add(method)
      const reply = await dispatcher.dispatch(method, input)
      if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code}: ${reply.error.message} ${JSON.stringify(reply.error.details ?? '')}`)
      return reply.result as MethodOutput<M>
    }

    expect((await ok('app.info', {})).transport).toBe('web')

    // Catalog and signing.
    const catalog = await ok('catalog.list', {})
    expect(catalog).toHaveLength(11)
    const { body } = await ok('catalog.template', { event: 'submission.completed' })
    await ok('catalog.schema', { event: 'aml.match.found' })
    expect((await ok('catalog.validate', { body })).status).toBe('valid')
    expect(await ok('credentials.get', {})).toBeNull()
    const creds = await ok('credentials.create', {})
    expect(creds.secret).toBeTruthy()
    const { signature } = await ok('signing.sign', { body, secret: creds.secret! })
    expect((await ok('signing.signWithStored', { body })).signature).toBe(signature)
    expect((await ok('signing.verify', { body, signature })).status).toBe('valid')

    // A listener that captures.
    const listener = await ok('listeners.create', { name: 'conformance', protocol: 'http', port: 0 })
    expect((await ok('listeners.list', {})).map((l) => l.id)).toEqual([listener.id])
    await ok('listeners.update', { id: listener.id, patch: { name: 'conformance 2', secrets: ['extra-secret'] } })
    expect((await ok('listeners.list', {}))[0].secrets).toEqual(['•••• #1 (12 chars)'])
    expect((await ok('listeners.revealSecrets', { id: listener.id })).secrets).toEqual(['extra-secret'])
    const state = await ok('listeners.start', { id: listener.id })
    expect((await ok('listeners.suggestPort', { host: '127.0.0.1', preferred: 8443 })).port).toBeGreaterThan(0)
    expect(state.status).toBe('running')
    const target = `${state.url}hooks`

    // Send to it (ad hoc), then through a saved endpoint.
    const sent = await ok('send.event', { event: 'submission.completed', body, to: [{ url: target }] })
    expect(sent.deliveries[0].status).toBe('success')
    const endpoint = await ok('endpoints.create', { name: 'mine', url: target, allowLocalHttp: true, headers: [['Authorization', 'Bearer tok-123']] })
    // Secret header values leave the engine masked; the masked value sent back keeps the stored one.
    expect((await ok('endpoints.list', {}))[0].headers).toEqual([['Authorization', '[masked: 14 characters]']])
    await ok('endpoints.update', { id: endpoint.id, patch: { name: 'mine 2', headers: [['Authorization', '[masked: 14 characters]'], ['X-Route', 'a']] } })
    expect((await ok('endpoints.revealHeaders', { id: endpoint.id })).headers).toEqual([['Authorization', 'Bearer tok-123'], ['X-Route', 'a']])
    const viaEndpoint = await ok('send.event', { event: 'submission.completed', body, endpointIds: [endpoint.id] })
    const deliveryId = viaEndpoint.deliveries[0].id
    expect((await ok('deliveries.list', {})).items.length).toBeGreaterThanOrEqual(2)
    expect((await ok('deliveries.get', { id: deliveryId })).attempts.length).toBeGreaterThanOrEqual(1)
    await ok('deliveries.resend', { id: deliveryId })
    const health = await ok('endpoints.health', { window: '24h' })
    expect(health.endpoints.find((e) => e.endpointId === endpoint.id)?.attempts).toBeGreaterThanOrEqual(2)
    expect((await ok('deliveries.curl', { id: deliveryId })).command).toContain('X-SmartKYC-Signature')
    // Retrying a delivery that already succeeded may be refused as a conflict; either way the answer is contract data.
    called.add('deliveries.retryNow')
    const retry = await dispatcher.dispatch('deliveries.retryNow', { id: deliveryId })
    if (!retry.ok) expect(['conflict', 'bad-input']).toContain(retry.error.code)

    // Captures.
    const captures = await ok('captures.list', {})
    expect(captures.items.length).toBeGreaterThanOrEqual(3)
    const first = captures.items[captures.items.length - 1]
    expect((await ok('captures.get', { id: first.id })).signature).toBe('valid')
    expect((await ok('captures.curl', { id: first.id })).command).toContain('curl')
    const replayed = await ok('replay.capture', { id: first.id, url: target, mode: 'edited', body: '{"edited":true}' })
    expect(replayed.deliveries[0].status).toBe('success')

    // The handler audit, through a saved endpoint (the listener answers 200 to anything, so check 3 fails).
    const run = await ok('audit.run', { endpointId: endpoint.id, only: ['unsigned'] })
    expect(run.checks.map((c) => [c.id, c.status])).toEqual([['unsigned', 'fail']])
    expect((await ok('audit.list', {})).map((r) => r.id)).toEqual([run.id])
    expect((await ok('audit.get', { id: run.id })).url).toBe(target)

    // Exchange, TLS, settings.
    const har = await ok('exchange.export', { format: 'har' })
    await ok('exchange.export', { format: 'ndjson' })
    expect((await ok('exchange.importHar', { content: har.content })).imported).toBeGreaterThan(0)
    expect((await ok('tls.ca', {})).pem).toContain('BEGIN CERTIFICATE')
    const settings = await ok('settings.get', {})
    await ok('settings.update', { theme: settings.theme === 'dark' ? 'light' : 'dark' })
    await ok('settings.compactDatabase', {})
    await ok('credentials.rotate', { graceHours: 1 })

    // The mock platform: its server, its operations, its request log.
    const platform = await ok('platform.start', { port: 0 })
    expect(platform.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect((await ok('platform.status', {})).running).toBe(true)
    const invitation = await ok('platform.createInvitation', { customerEmail: 'conformance@example.com' })
    expect((await ok('platform.invitations', {})).map((i) => i.id)).toContain(invitation.id)
    const submission = await ok('platform.complete', { id: invitation.id, aml: 'match' })
    expect((await ok('platform.submissions', {})).map((x) => x.id)).toContain(submission.id)
    await ok('platform.dismissMatch', { id: submission.amlMatches[0].id })
    expect((await ok('platform.updateSubmission', { id: submission.id, patch: { status: 'approved' } })).status).toBe('approved')
    const other = await ok('platform.createInvitation', { customerEmail: 'other@example.com' })
    expect((await ok('platform.cancelInvitation', { id: other.id })).status).toBe('cancelled')
    const apiKey = (await ok('credentials.get', {}))?.apiKey ?? ''
    expect((await fetch(`${platform.baseUrl}/invitations`, { headers: { 'X-API-Key': apiKey } })).status).toBe(200)
    expect((await ok('platform.requests', {})).map((r) => r.status)).toEqual([200])
    expect((await ok('platform.stop', {})).running).toBe(false)

    expect((await ok('scenarios.list', {})).scenarios.map((x) => x.name)).toContain('happy-path')
    expect((await ok('scenarios.get', { name: 'invitation-cancelled' })).events).toEqual(['invitation.sent', 'invitation.cancelled'])
    const scenarioRun = await ok('scenarios.run', { name: 'invitation-cancelled', options: { to: target, speed: 1000, seed: 1 } })
    const timeline = await vi.waitFor(
      async () => {
        const t = await ok('scenarios.timeline', { id: scenarioRun.id })
        if (t.status === 'running') throw new Error('the scenario run is still running')
        return t
      },
      { timeout: 10_000, interval: 50 }
    )
    expect(timeline).toMatchObject({ status: 'done', deliveries: 2, succeeded: 2 })
    expect((await ok('scenarios.runs', {})).map((r) => r.id)).toContain(scenarioRun.id)

    // Tear down through the contract too.
    await ok('captures.delete', { ids: [first.id] })
    await ok('captures.clear', {})
    await ok('listeners.stop', { id: listener.id })
    await ok('listeners.remove', { id: listener.id })
    await ok('endpoints.remove', { id: endpoint.id })

    expect(logged).toEqual([])
    expect(badEvents).toEqual([])
    expect([...seenEvents]).toEqual(expect.arrayContaining(['capture.received', 'delivery.updated', 'attempt.finished', 'listener.state', 'platform.request', 'platform.changed', 'platform.state', 'audit.progress']))
    expect(Object.keys(methods).filter((m) => !called.has(m))).toEqual([])
  })
})
