/**
 * Captured data is hostile (control characters stay visible, never interpreted), and the
 * errors that need the engine (port in use, unknown id, refused connection, no secret) are
 * one line with the right exit code.
 */
import http from 'node:http'
import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, jsonLines, makeTempDir, runCli, startCli, type BackgroundCli, type CliResult } from './cli-process'

let dir: string
let db: string
let running: BackgroundCli[] = []
let servers: net.Server[] = []

beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})

afterEach(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  running = []
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  servers = []
  fs.rmSync(dir, { recursive: true, force: true })
})

// eslint-disable-next-line no-control-regex -- the point is to find raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/

function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.err).toBe(2)
  const lines = r.err.split('\n').filter(Boolean)
  expect(lines, r.err).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}

/** Posts raw bytes over plain HTTP (the listener runs with --http), path and headers as given. */
function post(url: string, pathname: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('hostile captured data', { timeout: SPAWN_TIMEOUT }, () => {
  it('is escaped in the listen line, the captures table and show, and kept byte-exact by show --body', async () => {
    const listener = startCli(['listen', '--http', '--port', '0', '--db', db])
    running.push(listener)
    const url = await listener.listenUrl('stdout')

    // A valid JSON body whose event name carries ESC (clear screen, title), BEL, CR and a bidi override.
    const event = '\u001b[2J\u001b]0;pwned\u0007evil\r\u202eevent'
    const body = Buffer.from(JSON.stringify({ event, data: {} }))
    expect(await post(url, '/hook?q=%1b', body, { 'X-SmartKYC-Signature': 'x\u00e9' })).toBe(200)
    // A body that is not JSON at all, with raw control bytes.
    const rawBody = Buffer.from('\u001b[31mraw\u009b2J\r\n')
    expect(await post(url, '/raw', rawBody)).toBe(200)

    const line = await listener.waitForLine('stdout', (l) => l.includes('evil'))
    expect(line).not.toMatch(RAW_CONTROL)
    expect(line).toContain('\\e[2J\\e]0;pwned\\aevil\\r\\u202eevent')
    const id = /(cap_\w+)$/.exec(line)?.[1] as string
    const rawLine = await listener.waitForLine('stdout', (l) => l.includes(' /raw '))
    const rawId = /(cap_\w+)$/.exec(rawLine)?.[1] as string

    const table = await runCli(['captures', '--db', db])
    expect(table.code, table.err).toBe(0)
    expect(table.out).toContain(id)
    expect(table.out).not.toMatch(RAW_CONTROL)

    const shown = await runCli(['show', id, '--db', db])
    expect(shown.code, shown.err).toBe(0)
    expect(shown.out).not.toMatch(RAW_CONTROL)
    expect(shown.out).toContain('Event      \\e[2J')
    const shownRaw = await runCli(['show', rawId, '--db', db])
    expect(shownRaw.out).not.toMatch(RAW_CONTROL)
    expect(shownRaw.out).toContain('\\e[31mraw\\x9b2J\\r\n')

    const json = await runCli(['captures', '--json', '--db', db])
    expect(json.out).not.toMatch(RAW_CONTROL)
    expect(jsonLines(json.out.split('\n')).find((c) => c.id === id)).toMatchObject({ event })

    const raw = await runCli(['show', rawId, '--body', '--db', db])
    expect(raw.stdout.equals(rawBody)).toBe(true)
  })
})

describe('errors that reach the engine', { timeout: SPAWN_TIMEOUT }, () => {
  it('a port in use is one line and exit 2', async () => {
    const blocker = net.createServer()
    servers.push(blocker)
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    const r = await runCli(['listen', '--port', String(port), '--db', db])
    expectOneLineError(r, new RegExp(`^kyc-hooks: port ${port} is in use on 127\\.0\\.0\\.1`))
  })

  it('an unknown capture id names the id', async () => {
    expectOneLineError(await runCli(['show', 'cap_doesnotexist', '--db', db]), /capture "cap_doesnotexist" does not exist/)
    expectOneLineError(await runCli(['replay', 'cap_doesnotexist', '--to', 'http://127.0.0.1:9/', '--db', db]), /cap_doesnotexist/)
  })

  it('send without any secret says how to get one; a refused connection is exit 1 with the reason', async () => {
    expectOneLineError(
      await runCli(['send', 'submission.created', '--to', 'http://127.0.0.1:9/', '--db', db]),
      /no secret to sign with: pass --secret S, or create the API credentials with `kyc-hooks credentials create`/
    )
    const closed = net.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as net.AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const r = await runCli(['send', 'submission.created', '--to', `http://127.0.0.1:${port}/`, '--secret', 's', '--db', db])
    expect(r.code, r.err).toBe(1)
    expect(r.out).toMatch(/^FAILED {2}--- {2}http:/)
    expect(r.out).toMatch(/error: +.*refused/)
  })
})

describe('credentials, ca and endpoints', { timeout: SPAWN_TIMEOUT }, () => {
  it('shows a created secret once, then signs and verifies with the stored secret', async () => {
    const created = await runCli(['credentials', 'create', '--json', '--db', db])
    expect(created.code, created.err).toBe(0)
    const creds = JSON.parse(created.out) as { apiKey: string; secret: string; secretMasked: string }
    expect(created.err).toBe('')
    expect(creds.secret.length).toBeGreaterThan(16)

    const shown = await runCli(['credentials', 'show', '--db', db])
    expect(shown.out).toContain(creds.secretMasked)
    expect(shown.out).not.toContain(creds.secret)

    const human = await runCli(['credentials', 'rotate', '--grace-hours', '1', '--db', db])
    expect(human.code, human.err).toBe(0)
    expect(human.out).toMatch(/API secret {2}\S+/)
    expect(human.err).toContain('will not be shown again')

    // No --secret anywhere: the listener verifies with the stored secret, send signs with it.
    const listener = startCli(['listen', '--port', '0', '--json', '--db', db])
    running.push(listener)
    await listener.waitForLine('stderr', (l) => l.startsWith('Verifying signatures with: API secret'))
    const url = await listener.listenUrl('stderr')
    const sent = await runCli(['send', 'invitation.expired', '--to', url, '--db', db])
    expect(sent.code, sent.err).toBe(0)
    const capture = JSON.parse(await listener.waitForLine('stdout', (l) => l.startsWith('{'))) as Record<string, unknown>
    expect(capture.signature).toBe('valid')

    const caPath = await runCli(['ca', 'path', '--db', db])
    expect(caPath.out.trim()).toBe(path.join(dir, 'tls', 'ca.pem'))
    const exported = await runCli(['ca', 'export', '--db', db])
    expect(exported.out).toBe(fs.readFileSync(caPath.out.trim(), 'utf8'))
  })

  it('adds, lists, updates and removes an endpoint', async () => {
    const added = await runCli(['endpoints', 'add', 'My app', 'https://example.test/webhooks', '--header', 'Authorization: Bearer abc', '--json', '--db', db])
    expect(added.code, added.err).toBe(0)
    const endpoint = JSON.parse(added.out) as { id: string; headers: string[][]; active: boolean }
    expect(endpoint).toMatchObject({ headers: [['Authorization', '[masked: 10 characters]']], active: true })

    const updated = await runCli(['endpoints', 'update', endpoint.id, '--inactive', '--json', '--db', db])
    expect(updated.code, updated.err).toBe(0)
    // Only the given flag changed: the headers are kept.
    expect(JSON.parse(updated.out)).toMatchObject({ active: false, headers: [['Authorization', '[masked: 10 characters]']] })

    const listed = await runCli(['endpoints', 'list', '--db', db])
    expect(listed.out).toMatch(new RegExp(`${endpoint.id}\\s+My app\\s+https://example.test/webhooks\\s+no`))

    expect((await runCli(['endpoints', 'remove', endpoint.id, '--db', db])).code).toBe(0)
    expect((await runCli(['endpoints', 'list', '--json', '--db', db])).out).toBe('')
    expectOneLineError(await runCli(['endpoints', 'update', endpoint.id, '--active', '--db', db]), new RegExp(endpoint.id))
  })
})
