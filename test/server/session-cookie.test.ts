/**
 * The served UI's per-run session cookie (issue 6, item 13): set by the token URL, accepted
 * like the token, and no weaker than the token against DNS rebinding and cross-site requests.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type RunningServer } from '../../src/server/index'
import { cookieValues, createSessionCookie, sessionCookieName } from '../../src/server/session-cookie'
import { Scratch, callApi, rawRequest } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

function fakeRenderer(): string {
  const root = path.join(scratch.dir(), 'renderer')
  fs.mkdirSync(root, { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Workbench</title>')
  return root
}

async function serve(): Promise<RunningServer> {
  const wb = await scratch.workbench()
  const server = await startServer({ workbench: wb, port: 0, rendererDir: fakeRenderer() })
  scratch.defer(() => server.close())
  return server
}

/** Loads the token URL as a browser would and returns the `name=value` pair it was given. */
async function cookieFromTokenUrl(server: RunningServer): Promise<{ pair: string; setCookie: string }> {
  const page = await rawRequest(server.port, { path: `/?token=${server.token}` })
  expect(page.status).toBe(200)
  const setCookie = page.headers['set-cookie']?.[0] ?? ''
  return { pair: setCookie.split(';')[0], setCookie }
}

function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)))
    ws.once('error', reject)
    scratch.defer(() => ws.terminate())
  })
}

describe('serve: the session cookie from the token URL', () => {
  it('is set by the token URL only: per run, named by port, HttpOnly, SameSite=Strict, Path=/, no lifetime', async () => {
    const server = await serve()
    const { pair, setCookie } = await cookieFromTokenUrl(server)
    const attributes = setCookie.split(';').map((a) => a.trim())
    expect(attributes[0]).toMatch(new RegExp(`^kyc_hooks_session_${server.port}=[A-Za-z0-9_-]{43}$`))
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict'])
    expect(setCookie).not.toMatch(/Max-Age|Expires|Domain/i)
    // The cookie is its own secret, not the token.
    expect(pair).not.toContain(server.token)

    // No cookie without the token, or with a wrong one.
    for (const p of ['/', '/?token=wrong', '/#/compose']) {
      expect((await rawRequest(server.port, { path: p })).headers['set-cookie'], p).toBeUndefined()
    }
    // Another run (another port) gets another cookie.
    const other = await serve()
    const second = await cookieFromTokenUrl(other)
    expect(second.pair.split('=')[0]).toBe(sessionCookieName(other.port))
    expect(second.pair.split('=')[1]).not.toBe(pair.split('=')[1])
  })

  it('authorises contract calls and the event socket from this server\'s own page', async () => {
    const server = await serve()
    const { pair } = await cookieFromTokenUrl(server)
    const origin = `http://127.0.0.1:${server.port}`
    const ok = await callApi(server.port, null, 'app.info', {}, { Cookie: pair, Origin: origin })
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({ ok: true })
    const ws = await openSocket(server.port, { Cookie: pair, Origin: origin })
    expect(ws.readyState).toBe(WebSocket.OPEN)
  })

  it('keeps the DNS-rebinding and cross-site defences: wrong Host, foreign Origin, no Origin, form posts', async () => {
    const server = await serve()
    const p = server.port
    const { pair } = await cookieFromTokenUrl(server)
    // A rebinding page: its Host names the attacker's domain.
    for (const host of [`evil.example:${p}`, `localhost.evil.example:${p}`]) {
      const res = await callApi(p, null, 'app.info', {}, { Cookie: pair, Host: host, Origin: `http://${host}` })
      expect(res.status, host).toBe(403)
    }
    // A cross-site page (had the cookie leaked past SameSite).
    for (const origin of ['http://evil.example', `http://evil.example:${p}`, 'null']) {
      const res = await callApi(p, null, 'app.info', {}, { Cookie: pair, Origin: origin })
      expect(res.status, origin).toBe(403)
    }
    await expect(openSocket(p, { Cookie: pair, Origin: 'http://evil.example' })).rejects.toThrow('refused 403')
    // A cookie without an Origin is not our page's request (browsers send Origin on POST and upgrades).
    const noOrigin = await callApi(p, null, 'app.info', {}, { Cookie: pair })
    expect(noOrigin.status).toBe(401)
    await expect(openSocket(p, { Cookie: pair })).rejects.toThrow('refused 401')
    // A form post cannot send JSON: refused even from our own origin with the cookie.
    const form = await rawRequest(p, {
      method: 'POST',
      path: '/api/call/endpoints.create',
      headers: { Cookie: pair, Origin: `http://127.0.0.1:${p}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=x&url=https://example.test/'
    })
    expect(form.status).toBe(415)
    // A wrong cookie value, or another port's cookie name, is no session.
    const name = sessionCookieName(p)
    for (const cookie of [`${name}=wrong`, `${sessionCookieName(p + 1)}=${pair.split('=')[1]}`, '']) {
      const res = await callApi(p, null, 'app.info', {}, { Cookie: cookie, Origin: `http://127.0.0.1:${p}` })
      expect(res.status, cookie).toBe(401)
    }
  })
})

describe('session-cookie helpers', () => {
  it('reads every value of one name from a Cookie header', () => {
    expect(cookieValues('a=1; kyc=2;b=3; kyc=4', 'kyc')).toEqual(['2', '4'])
    expect(cookieValues(undefined, 'kyc')).toEqual([])
    expect(cookieValues('kyc', 'kyc')).toEqual([])
  })

  it('matches its own value among others only', () => {
    const s = createSessionCookie(4000, 'secret-value')
    expect(s.presentIn('kyc_hooks_session_4000=secret-value')).toBe(true)
    expect(s.presentIn('kyc_hooks_session_4000=old; kyc_hooks_session_4000=secret-value')).toBe(true)
    expect(s.presentIn('kyc_hooks_session_4001=secret-value')).toBe(false)
    expect(s.presentIn('kyc_hooks_session_4000=secret-valuex')).toBe(false)
  })
})
