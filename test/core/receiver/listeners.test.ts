import { afterEach, describe, expect, it } from 'vitest'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { cleanupAll, eventsOf, harness, httpRequest, rawExchange } from './helpers'
import { WorkbenchError } from '../../../src/shared/errors'
import { methods } from '../../../src/shared/contract'
import { createListenersRepo } from '../../../src/core/receiver/listeners-repo'

const blockers: net.Server[] = []
afterEach(async () => {
  for (const s of blockers.splice(0)) await new Promise((r) => s.close(r))
  await cleanupAll()
})

async function occupiedPort(): Promise<number> {
  const s = net.createServer()
  blockers.push(s)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return (s.address() as AddressInfo).port
}

describe('receiver: listeners', () => {
  it('creates with defaults, lists with state, starts on an ephemeral port without storing it, and stops', async () => {
    const h = await harness()
    const created = await h.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'Main', port: 0 }))
    expect(created).toMatchObject({ name: 'Main', host: '127.0.0.1', protocol: 'https', port: 0, useApiSecret: true, forwardTo: null })
    expect(created.state).toEqual({ id: created.id, status: 'stopped', url: null, error: null })
    expect(eventsOf(h, 'listeners.changed')).toHaveLength(1)

    const state = await h.receiver.listeners.start({ id: created.id })
    expect(state.status).toBe('running')
    expect(state.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/)
    expect(state.url).not.toBe('https://127.0.0.1:0/')
    expect((await h.receiver.listeners.start({ id: created.id })).url).toBe(state.url)
    const [listed] = await h.receiver.listeners.list({})
    expect(listed.port).toBe(0)
    expect(listed.state).toEqual(state)
    expect(eventsOf(h, 'listener.state').map((s) => s.status)).toEqual(['starting', 'running'])

    const stopped = await h.receiver.listeners.stop({ id: created.id })
    expect(stopped).toEqual({ id: created.id, status: 'stopped', url: null, error: null })
    const port = Number(new URL(state.url as string).port)
    await expect(rawExchange(port, null, httpRequest('GET', '/', []), 2000)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('says which port is in use and sets the error state', async () => {
    const h = await harness()
    const port = await occupiedPort()
    const listener = await h.receiver.listeners.create(methods['listeners.create'].input.parse({ port, protocol: 'http' }))
    const err = await h.receiver.listeners.start({ id: listener.id }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkbenchError)
    expect((err as WorkbenchError).code).toBe('port-in-use')
    expect((err as WorkbenchError).message).toBe(`port ${port} is in use on 127.0.0.1: choose another port or stop the other program`)
    const [listed] = await h.receiver.listeners.list({})
    expect(listed.state).toMatchObject({ status: 'error', url: null, error: (err as Error).message })

    // Free the port: the same listener starts.
    await new Promise((r) => (blockers.pop() as net.Server).close(r))
    expect((await h.receiver.listeners.start({ id: listener.id })).status).toBe('running')
  })

  it('names the other listener when two listeners want the same port', async () => {
    const h = await harness()
    const first = await h.listen({ name: 'First', protocol: 'http' })
    const second = await h.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'Second', port: first.port }))
    await expect(h.receiver.listeners.start({ id: second.id })).rejects.toThrow(`port ${first.port} is in use on 127.0.0.1 by the listener "First"`)
  })

  it('update: a running listener restarts on a port change and keeps answering', async () => {
    const h = await harness()
    const { id, port } = await h.listen({ protocol: 'http' })
    const target = await occupiedPort()
    await new Promise((r) => (blockers.pop() as net.Server).close(r))
    const updated = await h.receiver.listeners.update({ id, patch: { port: target } })
    expect(updated.port).toBe(target)
    expect(updated.state).toMatchObject({ status: 'running', url: `http://127.0.0.1:${target}/` })
    await expect(rawExchange(port, null, httpRequest('GET', '/', []), 2000)).rejects.toThrow(/ECONNREFUSED/)
    expect((await rawExchange(target, null, httpRequest('GET', '/', []))).status).toBe(200)
  })

  it('update changes only the fields in the patch', async () => {
    const h = await harness()
    const created = await h.receiver.listeners.create(
      methods['listeners.create'].input.parse({ name: 'Keep', port: 9999, secrets: ['s1'], rule: { status: 204 } })
    )
    const patch = methods['listeners.update'].input.parse({ id: created.id, patch: { name: 'Renamed' } })
    const updated = await h.receiver.listeners.update(patch)
    expect(updated).toMatchObject({ name: 'Renamed', port: 9999, secrets: ['•••• #1 (2 chars)'], rule: { status: 204 } })
    expect(await h.receiver.listeners.revealSecrets({ id: created.id })).toEqual({ secrets: ['s1'] })
  })

  it('shows extra secrets masked everywhere, keeps them through masked stand-ins, and reveals them only on request', async () => {
    const h = await harness()
    const created = await h.receiver.listeners.create(
      methods['listeners.create'].input.parse({ port: 0, secrets: ['first-secret-123', 'second-secret-4567'] })
    )
    const masked = ['•••• #1 (16 chars)', '•••• #2 (18 chars)']
    expect(created.secrets).toEqual(masked)
    const [listed] = await h.receiver.listeners.list({})
    expect(listed.secrets).toEqual(masked)
    expect(JSON.stringify(listed)).not.toContain('secret-')

    // A UI that never saw the secrets drops #1, keeps #2 and adds one.
    const updated = await h.receiver.listeners.update({ id: created.id, patch: { secrets: [masked[1], 'third-secret'] } })
    expect(updated.secrets).toEqual(['•••• #1 (18 chars)', '•••• #2 (12 chars)'])
    expect(await h.receiver.listeners.revealSecrets({ id: created.id })).toEqual({ secrets: ['second-secret-4567', 'third-secret'] })

    // A stand-in from an older list that no longer matches is refused, not stored as a secret.
    await expect(h.receiver.listeners.update({ id: created.id, patch: { secrets: ['•••• #2 (99 chars)'] } })).rejects.toThrow(
      /no longer matches a stored secret/
    )
    await expect(h.receiver.listeners.revealSecrets({ id: 'lst_nope' })).rejects.toThrow(/lst_nope/)
    await expect(
      h.receiver.listeners.create(methods['listeners.create'].input.parse({ port: 0, secrets: ['•••• #1 (16 chars)'] }))
    ).rejects.toThrow(/masked stand-in, not a secret/)
  })

  it('refuses invalid settings with words', async () => {
    const h = await harness()
    await expect(
      h.receiver.listeners.create(methods['listeners.create'].input.parse({ forwardTo: 'ftp://example.com/' }))
    ).rejects.toThrow(/forwardTo "ftp:\/\/example.com\/" must be an http/)
    await expect(
      h.receiver.listeners.create(methods['listeners.create'].input.parse({ rule: { headers: [['Bad Name', 'x']] } }))
    ).rejects.toThrow(/reply header "Bad Name"/)
    const ok = await h.receiver.listeners.create(methods['listeners.create'].input.parse({}))
    await expect(h.receiver.listeners.update({ id: ok.id, patch: { port: 70000 } })).rejects.toThrow(/port/)
    await expect(h.receiver.listeners.start({ id: 'lst_nope' })).rejects.toThrow(/listener "lst_nope" does not exist/)
  })

  it('remove stops the listener and keeps its captures', async () => {
    const h = await harness()
    const { id, port } = await h.listen({ protocol: 'http' })
    await rawExchange(port, null, httpRequest('POST', '/', [], Buffer.from('x')))
    expect(await h.receiver.listeners.remove({ id })).toEqual({ ok: true })
    expect(await h.receiver.listeners.list({})).toEqual([])
    await expect(rawExchange(port, null, httpRequest('GET', '/', []), 2000)).rejects.toThrow(/ECONNREFUSED/)
    expect((await h.receiver.captures.list({ limit: 10 })).total).toBe(1)
  })

  it('auto-starts the listeners marked so; one that cannot start does not stop the others', async () => {
    const h = await harness()
    const busy = await occupiedPort()
    await h.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'auto', port: 0, autoStart: true }))
    await h.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'blocked', port: busy, autoStart: true }))
    await h.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'manual', port: 0 }))
    const h2 = await h.reopen()
    await h2.receiver.startAutoStartListeners()
    const states = Object.fromEntries((await h2.receiver.listeners.list({})).map((l) => [l.name, l.state.status]))
    expect(states).toEqual({ auto: 'running', blocked: 'error', manual: 'stopped' })
  })

  it('serves plain HTTP when asked', async () => {
    const h = await harness()
    const { url, port } = await h.listen({ protocol: 'http' })
    expect(url).toBe(`http://127.0.0.1:${port}/`)
    expect((await rawExchange(port, null, httpRequest('GET', '/', []))).status).toBe(200)
  })

  it('an HTTPS listener survives plain HTTP and a TLS client that gives up mid-handshake', async () => {
    const h = await harness()
    const { port } = await h.listen()
    const plain = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => s.write('POST / HTTP/1.1\r\nHost: x\r\n\r\n'))
      let text = ''
      s.on('data', (c) => (text += c.toString('latin1')))
      s.on('close', () => resolve(text))
      s.on('error', () => resolve(text))
    })
    expect(plain).not.toMatch(/^HTTP\/1\.1 200/)
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01]))
        s.destroy()
        resolve()
      })
      s.on('error', () => resolve())
    })
    const ca = (await h.localTls()).caCertPem
    expect((await rawExchange(port, ca, httpRequest('POST', '/', ['Host: localhost'], Buffer.from('{}')))).status).toBe(200)
    expect((await h.receiver.captures.list({ limit: 10 })).total).toBe(1)
  })

  it('lists listeners created and removed by another process', async () => {
    const h = await harness()
    const other = await h.reopen()
    const created = await other.receiver.listeners.create(methods['listeners.create'].input.parse({ name: 'from CLI' }))
    const h3 = await harness(other.dir)
    expect((await h3.receiver.listeners.list({})).map((l) => l.name)).toEqual(['from CLI'])
    createListenersRepo(other.db).remove(created.id)
    expect(await h3.receiver.listeners.list({})).toEqual([])
  })
})
