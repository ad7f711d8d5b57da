/**
 * Real captures for the replay and exchange tests: the real receiver on the harness's
 * database, a plain-HTTP listener on port 0, and raw requests written byte for byte on a
 * socket so header order, case and body bytes are exactly what the test says.
 */
import fs from 'node:fs'
import net from 'node:net'
import { createReceiver, type Receiver } from '../../../src/core/receiver'
import { ListenerInput, type Capture } from '../../../src/shared/models'
import { openHarness, waitFor, type Harness } from '../sender/harness'

export interface CaptureRig {
  receiver: Receiver
  port: number
  /** Sends raw header lines + body (Content-Length added last) and returns the capture it made. */
  capture(method: string, target: string, headerLines: string[], body: Buffer): Promise<Capture>
  close(): Promise<void>
}

/** Writes `request` on a fresh connection and resolves with everything the server answered. */
export function rawExchange(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request))
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')))
  })
}

export function rawRequest(method: string, target: string, headerLines: string[], body: Buffer): Buffer {
  const head = [`${method} ${target} HTTP/1.1`, ...headerLines, `Content-Length: ${body.length}`, 'Connection: close', '', ''].join('\r\n')
  return Buffer.concat([Buffer.from(head, 'latin1'), body])
}

export async function startCaptureRig(h: Harness): Promise<CaptureRig> {
  const receiver = createReceiver({ db: h.db, bus: h.bus, tls: h.tls, credentials: h.credentials })
  const listener = await receiver.listeners.create(ListenerInput.parse({ name: 'Test', host: '127.0.0.1', port: 0, protocol: 'http' }))
  const state = await receiver.listeners.start({ id: listener.id })
  if (state.status !== 'running' || !state.url) throw new Error(`listener did not start: ${state.error}`)
  const port = Number(new URL(state.url).port)
  return {
    receiver,
    port,
    async capture(method, target, headerLines, body) {
      const before = new Set(receiver.getCaptures().map((c) => c.id))
      const answer = await rawExchange(port, rawRequest(method, target, headerLines, body))
      if (!answer.startsWith('HTTP/1.1 2')) throw new Error(`listener answered: ${answer.slice(0, 100)}`)
      return waitFor('the capture', () => receiver.getCaptures().find((c) => !before.has(c.id)))
    },
    close: () => receiver.stopAll()
  }
}

/**
 * A sender harness (no retries) with a capture rig on it, both closed by `cleanups`
 * (run them, newest first, in afterEach).
 */
export async function openHarnessWithRig(cleanups: Array<() => Promise<void>>): Promise<{ h: Harness; rig: CaptureRig }> {
  const h = await openHarness({ retryScheduleMs: [] })
  cleanups.push(async () => {
    await h.close()
    fs.rmSync(h.dir, { recursive: true, force: true })
  })
  const rig = await startCaptureRig(h)
  cleanups.push(() => rig.close())
  return { h, rig }
}
