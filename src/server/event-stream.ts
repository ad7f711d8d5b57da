/**
 * Pushes the engine's bus events to every connected browser over one WebSocket each.
 * Events are collected and flushed at most every `flushMs` as one JSON array
 * `[{ event, payload }, ...]`: a burst of a thousand captures a second becomes twenty
 * messages, so the UI renders batches instead of freezing on single events.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket } from 'ws'
import type { EventBus } from '../core/event-bus'
import { createEventBatcher } from '../shared/event-batcher'
import type { PushedEvent } from '../shared/ipc-channels'

export type { PushedEvent }

export interface EventStreamOptions {
  bus: EventBus
  /** Longest time an event waits before it is sent. */
  flushMs?: number
  /**
   * A client whose unsent data grows past this is too slow to keep up; it is closed (1013)
   * and reconnects, refetching what it shows, rather than making the server buffer forever.
   */
  maxBufferedBytes?: number
}

export interface EventStream {
  /** Completes a WebSocket upgrade the caller has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Number of open sockets (tests, diagnostics). */
  readonly clientCount: number
  close(): Promise<void>
}

export function createEventStream(options: EventStreamOptions): EventStream {
  const flushMs = options.flushMs ?? 50
  const maxBuffered = options.maxBufferedBytes ?? 64 * 1024 * 1024
  // The browser never sends us anything meaningful: keep incoming frames tiny.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, clientTracking: true })
  let closed = false

  function send(batch: PushedEvent[]): void {
    let text: string
    try {
      text = JSON.stringify(batch)
    } catch (err) {
      console.error('event stream: an event payload could not be serialised', err)
      return
    }
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue
      if (client.bufferedAmount > maxBuffered) {
        client.close(1013, 'too slow: reconnect and refresh')
        continue
      }
      client.send(text)
    }
  }

  // No size cap: a WebSocket message may be large, and slow clients are handled by maxBuffered.
  const batcher = createEventBatcher<PushedEvent>(send, { intervalMs: flushMs, maxBatch: Number.POSITIVE_INFINITY })

  const unsubscribe = options.bus.onAny((event, payload) => {
    // Nobody listening: nothing to keep.
    if (closed || wss.clients.size === 0) return
    batcher.push({ event, payload })
  })

  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate())
    // Incoming messages are ignored; the socket is push-only.
  })

  return {
    accept(req, socket, head) {
      if (closed) {
        socket.destroy()
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    get clientCount() {
      return wss.clients.size
    },
    async close() {
      closed = true
      unsubscribe()
      batcher.dispose()
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
  }
}
