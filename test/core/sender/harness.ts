/**
 * Test harness for the sender, replay and exchange tests: a real database in a temp
 * folder, the real settings / credentials / TLS services, and real local HTTP(S) servers
 * on port 0 that record exactly what arrived.
 */
import { vi } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { EventBus } from '../../../src/core/event-bus'
import { openDatabase, type Db } from '../../../src/core/store/database'
import { createSettingsService, type SettingsService } from '../../../src/core/settings'
import { createCredentialsService, type CredentialsService } from '../../../src/core/credentials'
import { createTlsService, type TlsService } from '../../../src/core/tls'
import { createSender, type Sender } from '../../../src/core/sender'
import type { EventKey, EventPayload } from '../../../src/shared/contract'
import type { HeaderPair } from '../../../src/shared/models'

export interface Recorded {
  method: string
  url: string
  headers: HeaderPair[]
  body: Buffer
}

export interface TestServer {
  url: string
  port: number
  requests: Recorded[]
  close(): Promise<void>
}

export type Reply = (req: Recorded, index: number, res: http.ServerResponse) => void

const ok: Reply = (_req, _i, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end('{"received":true}')
}

function pairs(raw: string[]): HeaderPair[] {
  const out: HeaderPair[] = []
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]])
  return out
}

/** A real server on 127.0.0.1:0 that records every request (raw header pairs, exact body bytes). */
export async function startServer(reply: Reply = ok, tlsOptions?: { key: string; cert: string }): Promise<TestServer> {
  const requests: Recorded[] = []
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: pairs(req.rawHeaders), body: Buffer.concat(chunks) }
      requests.push(rec)
      reply(rec, requests.length - 1, res)
    })
  }
  const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `${tlsOptions ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The signature as the Smart KYC docs compute it, independently of our signing module. */
export function hmacHex(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex')
}

export function header(req: Recorded, name: string): string | undefined {
  return req.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]
}

export interface Harness {
  dir: string
  dbFile: string
  db: Db
  bus: EventBus
  settings: SettingsService
  credentials: CredentialsService
  tls: TlsService
  sender: Sender
  secret: string
  events: Array<{ name: EventKey; payload: unknown }>
  /** Opens a second sender on a fresh connection to the same file (a restart). */
  reopen(): Promise<Harness>
  close(): Promise<void>
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
}

/** A Workbench-shaped set of real services over a temp database; `retryScheduleMs` goes into Settings. */
export async function openHarness(options: { retryScheduleMs?: number[]; dir?: string; createSecret?: boolean } = {}): Promise<Harness> {
  const dir = options.dir ?? tempDir()
  const dbFile = path.join(dir, 'workbench.sqlite')
  const db = openDatabase(dbFile)
  const bus = new EventBus()
  const settings = createSettingsService(db, bus)
  if (options.retryScheduleMs) await settings.update({ retryScheduleMs: options.retryScheduleMs })
  const credentials = createCredentialsService(db, bus)
  let secret = credentials.currentSecret() ?? ''
  if (!secret && options.createSecret !== false) {
    secret = (await credentials.create({})).secret ?? ''
  }
  const tls = createTlsService(dir)
  const sender = createSender({ db, bus, tls, credentials, settings })
  const events: Harness['events'] = []
  bus.onAny((name, payload) => events.push({ name, payload }))
  let closed = false
  const harness: Harness = {
    dir,
    dbFile,
    db,
    bus,
    settings,
    credentials,
    tls,
    sender,
    secret,
    events,
    async reopen() {
      await harness.close()
      return openHarness({ dir })
    },
    async close() {
      if (closed) return
      closed = true
      await sender.stop()
      db.close()
    }
  }
  return harness
}

/**
 * Waits until `check` returns a value (not undefined/false); fails with `what` after `limitMs`.
 * vi.waitFor does the polling; this only turns "no value yet" into the throw it retries on,
 * so the probes in the sender, store and receiver tests stay one-liners that return the row.
 */
export function waitFor<T>(what: string, check: () => T | undefined | false, limitMs = 30_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check()
      if (value === undefined || value === false) throw new Error(`gave up waiting for ${what}`)
      return value
    },
    { timeout: limitMs, interval: 20 }
  )
}

export function eventsOf<E extends EventKey>(h: Harness, name: E): EventPayload<E>[] {
  return h.events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>)
}
