/**
 * A real receiver on real sockets over a real SQLite file in a temp folder, and raw
 * clients that send exactly the bytes a test gives them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'
import tls from 'node:tls'
import { openDatabase, type Db } from '../../../src/core/store/database'
import { EventBus } from '../../../src/core/event-bus'
import { createTlsService, type LocalTls } from '../../../src/core/tls'
import { createCredentialsService } from '../../../src/core/credentials'
import { createReceiver, type Receiver } from '../../../src/core/receiver'
import type { EventKey, EventPayload } from '../../../src/shared/contract'
import type { ListenerInput } from '../../../src/shared/models'

export interface Harness {
  dir: string
  dbFile: string
  db: Db
  bus: EventBus
  tls: ReturnType<typeof createTlsService>
  credentials: ReturnType<typeof createCredentialsService>
  receiver: Receiver
  events: { event: EventKey; payload: unknown }[]
  /** Creates and starts a listener on 127.0.0.1:0; returns its id, port and URL. */
  listen(input?: ListenerInput): Promise<{ id: string; port: number; url: string }>
  localTls(): Promise<LocalTls>
  /** Closes receiver and database (idempotent). */
  close(): Promise<void>
  /** Reopens a fresh receiver over the same files. */
  reopen(): Promise<Harness>
}

const cleanups: (() => Promise<void>)[] = []

/** Runs every cleanup registered by the tests so far; call from afterEach. */
export async function cleanupAll(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c()
}

export async function harness(existingDir?: string): Promise<Harness> {
  const dir = existingDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-rcv-'))
  if (!existingDir) cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  const dbFile = path.join(dir, 'workbench.sqlite')
  const db = openDatabase(dbFile)
  const bus = new EventBus()
  const events: Harness['events'] = []
  bus.onAny((event, payload) => events.push({ event, payload }))
  const tlsService = createTlsService(dir)
  const credentials = createCredentialsService(db, bus)
  const receiver = createReceiver({ db, bus, tls: tlsService, credentials })
  let closed = false
  const h: Harness = {
    dir,
    dbFile,
    db,
    bus,
    tls: tlsService,
    credentials,
    receiver,
    events,
    async listen(input = {}) {
      const listener = await receiver.listeners.create({ host: '127.0.0.1', port: 0, ...input } as never)
      const state = await receiver.listeners.start({ id: listener.id })
      const port = Number(new URL(state.url as string).port)
      return { id: listener.id, port, url: state.url as string }
    },
    localTls: () => tlsService.ensure(),
    async close() {
      if (closed) return
      closed = true
      await receiver.stopAll()
      db.close()
    },
    async reopen() {
      await h.close()
      return harness(dir)
    }
  }
  cleanups.push(() => h.close())
  return h
}

/** Events of one kind seen so far. */
export function eventsOf<E extends EventKey>(h: Harness, event: E): EventPayload<E>[] {
  return h.events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>)
}

export interface RawResponse {
  status: number
  headers: [string, string][]
  body: Buffer
}

/**
 * Sends `request` (exact bytes, which should carry `Connection: close`) over TLS trusting
 * only `ca` (or plain TCP when `ca` is null), and parses the one response.
 */
export function rawExchange(port: number, ca: string | null, request: Buffer, timeoutMs = 30_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket = ca
      ? tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' })
      : net.connect({ host: '127.0.0.1', port })
    const chunks: Buffer[] = []
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(new Error('timeout'))
    })
    socket.on(ca ? 'secureConnect' : 'connect', () => socket.write(request))
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('end', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)))
      } catch (err) {
        reject(err)
      }
    })
  })
}

export function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n')
  if (split === -1) throw new Error(`no complete response head in ${JSON.stringify(raw.toString('latin1'))}`)
  const head = raw.subarray(0, split).toString('latin1').split('\r\n')
  const status = Number(head[0].split(' ')[1])
  const headers = head.slice(1).map((line) => {
    const i = line.indexOf(':')
    return [line.slice(0, i), line.slice(i + 1).trim()] as [string, string]
  })
  return { status, headers, body: raw.subarray(split + 4) }
}

/** A minimal HTTP/1.1 request with exact bytes: the given header lines, then the body. */
export function httpRequest(method: string, target: string, headerLines: string[], body: Buffer = Buffer.alloc(0)): Buffer {
  const head = [`${method} ${target} HTTP/1.1`, ...headerLines, `Content-Length: ${body.length}`, 'Connection: close', '', ''].join('\r\n')
  return Buffer.concat([Buffer.from(head, 'latin1'), body])
}
