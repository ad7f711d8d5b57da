/**
 * `kyc-hooks platform` as a child process: it prints the base URL, answers the API with the
 * stored key, delivers the events it causes through its own outbox to the active endpoint,
 * logs each request on stdout, and stops cleanly on SIGINT.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, hmacHex, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

let dir: string
let db: string
let running: BackgroundCli[] = []
let receiver: http.Server | null = null

beforeEach(() => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
})

afterEach(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  running = []
  if (receiver) {
    receiver.closeAllConnections()
    await new Promise<void>((resolve) => receiver?.close(() => resolve()))
    receiver = null
  }
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks platform', { timeout: SPAWN_TIMEOUT }, () => {
  it('prints its base URL, serves the API with the API key, delivers the events and stops on SIGINT', async () => {
    const created = await runCli(['credentials', 'create', '--json', '--db', db])
    expect(created.code).toBe(0)
    const { apiKey, secret } = JSON.parse(created.out) as { apiKey: string; secret: string }

    const arrived: { body: Buffer; signature: string }[] = []
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        arrived.push({ body: Buffer.concat(chunks), signature: String(req.headers['x-smartkyc-signature']) })
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
    expect((await runCli(['endpoints', 'add', 'app', hookUrl, '--allow-http', '--db', db])).code).toBe(0)

    const platform = startCli(['platform', '--port', '0', '--db', db])
    running.push(platform)
    const baseUrl = await platform.waitForLine('stdout', (l) => l.startsWith('http://'))
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    await platform.waitForLine('stderr', (l) => l.includes('MOCK'))

    const res = await fetch(`${baseUrl}/invitations`, {
      method: 'POST',
      headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerEmail: 'cli.user@example.com' })
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-ratelimit-remaining')).toBe('199')
    const logLine = await platform.waitForLine('stdout', (l) => l.startsWith('POST /v1/invitations 201'))
    expect(logLine).toContain('invitation.sent')
    expect(logLine).not.toContain(apiKey)

    const deadline = Date.now() + 30_000
    while (arrived.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(arrived).toHaveLength(1)
    expect(arrived[0].signature).toBe(hmacHex(arrived[0].body, secret))
    expect(JSON.parse(arrived[0].body.toString('utf8'))).toMatchObject({ event: 'invitation.sent', data: { customerEmail: 'cli.user@example.com' } })

    const stopped = await platform.stop('SIGINT')
    expect(stopped.code).toBe(0)
    await expect(fetch(`${baseUrl}/invitations`)).rejects.toThrow()
  })

  it('says which port is taken instead of crashing', async () => {
    const blocker = http.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const result = await runCli(['platform', '--port', String(port), '--db', db])
      expect(result.code).not.toBe(0)
      expect(result.err).toContain(`port ${port}`)
      expect(result.err).toContain('--port')
    } finally {
      blocker.close()
    }
  })
})
