import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type RunningServer } from '../../src/server/index'
import type { Workbench } from '../../src/core/workbench'
import type { PushedEvent } from '../../src/server/event-stream'
import { NOT_BUILT_MESSAGE } from '../../src/server/static-files'
import { Scratch, callApi, rawRequest } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

/** A built-renderer stand-in, with a secret file next to it that must stay unreachable. */
function fakeRenderer(): string {
  const parent = scratch.dir()
  const root = path.join(parent, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Workbench</title><script type="module" src="./assets/app.js"></script>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")')
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}')
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0, 1, 2]))
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'TOP SECRET')
  return root
}

async function serve(options: { rendererDir?: string; token?: string } = {}): Promise<{ server: RunningServer; wb: Workbench }> {
  const wb = await scratch.workbench()
  const server = await startServer({ workbench: wb, port: 0, rendererDir: options.rendererDir ?? fakeRenderer(), token: options.token })
  scratch.defer(() => server.close())
  return { server, wb }
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; batches: PushedEvent[][] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    const batches: PushedEvent[][] = []
    ws.on('message', (data) => batches.push(JSON.parse(String(data)) as PushedEvent[]))
    ws.once('open', () => resolve({ ws, batches }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)))
    ws.once('error', reject)
    scratch.defer(() => ws.terminate())
  })
}

/** Resolves once `predicate` holds over the batches received so far (no timing assumptions). */
function waitForBatches(ws: WebSocket, batches: PushedEvent[][], predicate: (items: PushedEvent[]) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (predicate(batches.flat())) {
        ws.off('message', onMessage)
        resolve()
      }
    }
    const onMessage = (): void => void setImmediate(check)
    ws.on('message', onMessage)
    ws.once('close', () => reject(new Error('socket closed before the expected events arrived')))
    check()
  })
}

describe('startServer', () => {
  it('prints a loopback URL carrying a random base64url token', async () => {
    const { server } = await serve()
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    const other = await startServer({ workbench: (await serve()).wb, port: 0, rendererDir: fakeRenderer() })
    scratch.defer(() => other.close())
    expect(other.token).not.toBe(server.token)
  })

  it('refuses API calls without the token or with a wrong one (401 JSON)', async () => {
    const { server } = await serve()
    for (const token of [null, 'wrong', `${server.token}x`, server.token.slice(1)]) {
      const res = await callApi(server.port, token, 'app.info', {})
      expect(res.status).toBe(401)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
  })

  it('runs a contract call round trip against the real engine', async () => {
    const { server } = await serve()
    const info = await callApi(server.port, server.token, 'app.info', {})
    expect(info.status).toBe(200)
    expect(info.json).toMatchObject({ ok: true, result: { transport: 'web' } })

    const created = await callApi(server.port, server.token, 'endpoints.create', {
      name: 'My app',
      url: 'https://example.test/hooks',
      headers: [['X-API-Key', 'k1']]
    })
    expect(created.status).toBe(200)
    const endpoint = (created.json as { result: { id: string; name: string } }).result
    expect(endpoint.name).toBe('My app')

    const listed = await callApi(server.port, server.token, 'endpoints.list', {})
    expect((listed.json as { result: { id: string }[] }).result.map((e) => e.id)).toEqual([endpoint.id])
  })

  it('answers bad input with bad-input, the field paths and the zod issues', async () => {
    const { server } = await serve()
    const res = await callApi(server.port, server.token, 'endpoints.create', { name: 7 })
    expect(res.status).toBe(400)
    const reply = res.json as { ok: false; error: { code: string; message: string; details: { path: string[] }[] } }
    expect(reply.ok).toBe(false)
    expect(reply.error.code).toBe('bad-input')
    expect(reply.error.message).toContain('name')
    expect(reply.error.message).toContain('url')
    expect(reply.error.details.map((d) => d.path)).toEqual(expect.arrayContaining([['name'], ['url']]))
  })

  it('answers unknown methods, broken JSON, wrong content types and verbs with clear errors', async () => {
    const { server } = await serve()
    const unknown = await callApi(server.port, server.token, 'nope.nothing', {})
    expect(unknown.json).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('unknown method "nope.nothing"') } })

    const headers = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }
    const broken = await rawRequest(server.port, { method: 'POST', path: '/api/call/app.info', headers, body: '{"a":' })
    expect(broken.status).toBe(400)
    expect(broken.json).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('not valid JSON') } })

    const text = await rawRequest(server.port, { method: 'POST', path: '/api/call/app.info', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' })
    expect(text.status).toBe(415)

    const get = await rawRequest(server.port, { path: '/api/call/app.info', headers })
    expect(get.status).toBe(405)
  })

  it('refuses a body over the limit before reading it', async () => {
    const { server } = await serve()
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/call/exchange.importHar',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', 'Content-Length': String(60 * 1024 * 1024) },
      body: '{"content":"'
    })
    expect(res.status).toBe(413)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'too-large' } })
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403, even with the token', async () => {
    const { server } = await serve()
    const p = server.port
    for (const host of [`evil.example:${p}`, `127.0.0.1:${p + 1}`, `localhost.evil.example:${p}`]) {
      const api = await callApi(p, server.token, 'app.info', {}, { Host: host })
      expect(api.status, host).toBe(403)
      const page = await rawRequest(p, { path: '/', headers: { Host: host } })
      expect(page.status, host).toBe(403)
    }
    // No Host at all (HTTP/1.0 allows leaving it out): refused too.
    const noHost = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(p, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'))
      let text = ''
      socket.setEncoding('utf8').on('data', (c: string) => (text += c))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(noHost).toMatch(/^HTTP\/1\.\d 403/)
    for (const origin of ['http://evil.example', `http://evil.example:${p}`, `https://127.0.0.1:${p}`, 'null']) {
      const api = await callApi(p, server.token, 'app.info', {}, { Origin: origin })
      expect(api.status, origin).toBe(403)
      expect(api.json).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`]) {
      const ok = await callApi(p, server.token, 'app.info', {}, { Host: host, Origin: `http://${host}` })
      expect(ok.status, host).toBe(200)
    }
  })

  it('pushes bus events over the WebSocket in batches, in order', async () => {
    const { server, wb } = await serve()
    const { ws, batches } = await openSocket(`ws://127.0.0.1:${server.port}/api/events?token=${server.token}`)

    // 300 events emitted in one tick cannot be flushed in between: they must arrive as one array.
    for (let i = 0; i < 300; i++) wb.bus.emit('captures.deleted', { ids: [`cap_${i}`], all: false })
    await waitForBatches(ws, batches, (items) => items.length >= 300)
    expect(batches).toHaveLength(1)
    expect(batches[0].map((e) => (e.payload as { ids: string[] }).ids[0])).toEqual(Array.from({ length: 300 }, (_, i) => `cap_${i}`))
    expect(batches[0].every((e) => e.event === 'captures.deleted')).toBe(true)

    // A real engine event, caused by a real call.
    await callApi(server.port, server.token, 'endpoints.create', { name: 'e', url: 'https://example.test/' })
    await waitForBatches(ws, batches, (items) => items.some((e) => e.event === 'endpoints.changed'))
  })

  it('refuses the WebSocket without the token, with a wrong one, or from a foreign origin', async () => {
    const { server } = await serve()
    const base = `ws://127.0.0.1:${server.port}/api/events`
    await expect(openSocket(base)).rejects.toThrow('refused 401')
    await expect(openSocket(`${base}?token=nope`)).rejects.toThrow('refused 401')
    await expect(openSocket(`${base}?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('refused 403')
    await expect(openSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).rejects.toThrow('refused 404')
    const { ws } = await openSocket(`${base}?token=${server.token}`, { Origin: `http://localhost:${server.port}` })
    expect(ws.readyState).toBe(WebSocket.OPEN)
  })

  it('serves the UI without a token, with MIME types and the security headers', async () => {
    const { server } = await serve()
    const index = await rawRequest(server.port, { path: '/?token=whatever' })
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.body).toContain('<title>Workbench</title>')
    const csp = String(index.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("worker-src 'self' blob:")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(csp).toContain("img-src 'self' data:")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect(index.headers['referrer-policy']).toBe('no-referrer')

    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/font.woff2': 'font/woff2'
    }
    for (const [file, type] of Object.entries(types)) {
      const res = await rawRequest(server.port, { path: file })
      expect(res.status, file).toBe(200)
      expect(res.headers['content-type'], file).toBe(type)
    }
    expect((await rawRequest(server.port, { path: '/assets/missing.js' })).status).toBe(404)
    // Client-side routes get the app shell.
    expect((await rawRequest(server.port, { path: '/inbox' })).body).toContain('<title>Workbench</title>')
  })

  it('never serves a file outside the renderer folder', async () => {
    const { server } = await serve()
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%00../../secret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd'
    ]
    for (const attempt of attempts) {
      const res = await rawRequest(server.port, { path: attempt })
      expect(res.body, attempt).not.toContain('TOP SECRET')
      expect(res.body, attempt).not.toContain('root:')
      // Either refused, or (an extensionless path inside the root) the app shell itself.
      if (res.status === 200) expect(res.body, attempt).toContain('<title>Workbench</title>')
      else expect([400, 404], attempt).toContain(res.status)
    }
  })

  it('says the UI is not built when out/renderer is missing, and the API still works', async () => {
    const { server } = await serve({ rendererDir: path.join(scratch.dir(), 'not-built') })
    const res = await rawRequest(server.port, { path: '/' })
    expect(res.status).toBe(503)
    expect(res.body).toContain(NOT_BUILT_MESSAGE)
    expect(res.body).toContain('npm run build')
    expect((await callApi(server.port, server.token, 'app.info', {})).status).toBe(200)
  })

  it('reports a taken port as port-in-use with the port in the message', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    scratch.defer(() => new Promise<void>((resolve) => blocker.close(() => resolve())))
    const port = (blocker.address() as net.AddressInfo).port
    const wb = await scratch.workbench()
    await expect(startServer({ workbench: wb, port, rendererDir: fakeRenderer() })).rejects.toMatchObject({
      code: 'port-in-use',
      message: expect.stringContaining(`port ${port}`)
    })
  })

  it('close() drops open sockets and stops listening', async () => {
    const { server } = await serve({ token: 'fixed-token-for-test' })
    expect(server.url).toContain('?token=fixed-token-for-test')
    const { ws } = await openSocket(`ws://127.0.0.1:${server.port}/api/events?token=fixed-token-for-test`)
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
    await server.close()
    await closed
    await expect(callApi(server.port, server.token, 'app.info', {})).rejects.toThrow()
  })
})
