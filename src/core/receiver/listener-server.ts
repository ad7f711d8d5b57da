/**
 * One listener's socket: a node:https (or node:http) server that reads every request of
 * any method and path, keeps the body bytes exactly (up to the listener's limit), and
 * hands the request to the capture pipeline with a Responder to answer through.
 * Malformed HTTP, TLS failures and clients that vanish mid-body never reach the pipeline
 * and never throw.
 *
 * Stopping is graceful: stop accepting, answer every request already handed to the pipeline
 * (its capture is committed or about to be), then close what is left. A request whose body
 * completes after the stop began is answered 503 and not captured.
 */
import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { HeaderPair } from '../../shared/models'
import { pairsFromRaw } from './hop-by-hop'
import type { IncomingRequest } from './types'

export type { IncomingRequest }


/** How the pipeline answers one request. Every method is safe after the client left. */
export interface Responder {
  reply(status: number, headers: HeaderPair[], body: string | Buffer, options?: { close?: boolean }): void
  /** Never answer; the socket stays open until the client gives up or the listener stops. */
  hold(): void
  /** Drop the connection (TCP reset where the platform allows). */
  reset(): void
}

export interface ListenerServerOptions {
  host: string
  port: number
  protocol: 'https' | 'http'
  tls?: { cert: string; key: string }
  /** Read per request so a live rule change applies to the next request. */
  bodyLimitBytes(): number
  onRequest(req: IncomingRequest, res: Responder): void
  /** A server error after it started listening (rare: the socket failed). */
  onError(err: Error): void
}

export interface RunningServer {
  /** The port actually bound (differs from the requested one when that was 0). */
  port: number
  close(): Promise<void>
}

// Headers we compute ourselves from the body we send; a rule's own values would conflict.
const MANAGED_REPLY_HEADERS = new Set(['content-length', 'transfer-encoding'])

/** How long a stop waits for requests in the pipeline to be answered before cutting them off. */
export const STOP_WAIT_MS = 10_000

/** What the server knows about requests while it runs and while it stops. */
interface Tracker {
  stopping: boolean
  /** Responses owed to requests handed to the pipeline (removed when sent, held or gone). */
  owed: Set<http.ServerResponse>
  /** Called whenever `owed` shrinks, to let a stop in progress check again. */
  onSettled: () => void
}

/** Starts listening; rejects with the socket error (EADDRINUSE, EACCES, ...) if it cannot. */
export function startListenerServer(options: ListenerServerOptions): Promise<RunningServer> {
  const tracker: Tracker = { stopping: false, owed: new Set(), onSettled: () => undefined }
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => receive(req, res, options, tracker)
  // Capture everything, even an HTTP/1.1 request without Host (Node refuses those by default).
  const serverOptions = { requireHostHeader: false }
  const server =
    options.protocol === 'https'
      ? https.createServer({ ...serverOptions, cert: options.tls?.cert, key: options.tls?.key }, handler)
      : http.createServer(serverOptions, handler)
  // Node keeps only the first 1,000 headers by default and silently drops the rest, so a
  // signature sent after them would be judged missing. 0 = no count limit: every header is
  // kept, and the header size limit (maxHeaderSize, 16 KB) answers 431 beyond that.
  server.maxHeadersCount = 0

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket))

  return new Promise((resolve, reject) => {
    const onStartError = (err: Error) => {
      server.close()
      reject(err)
    }
    server.once('error', onStartError)
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', onStartError)
      server.on('error', (err) => options.onError(err))
      const port = (server.address() as AddressInfo).port
      resolve({
        port,
        close: () => stopGracefully(server, tracker)
      })
    })
  })
}

/** Stop accepting, wait (bounded) for the responses owed, then close every connection left. */
async function stopGracefully(server: http.Server, tracker: Tracker): Promise<void> {
  tracker.stopping = true
  const closed = new Promise<void>((done) => server.close(() => done()))
  server.closeIdleConnections()
  await new Promise<void>((done) => {
    const timer = setTimeout(finish, STOP_WAIT_MS)
    function finish() {
      clearTimeout(timer)
      tracker.onSettled = () => undefined
      done()
    }
    tracker.onSettled = () => {
      if (tracker.owed.size === 0) finish()
    }
    tracker.onSettled()
  })
  // Held (timeout-mode), still-uploading and keep-alive sockets would keep close() waiting forever.
  server.closeAllConnections()
  await closed
}

function receive(req: http.IncomingMessage, res: http.ServerResponse, options: ListenerServerOptions, tracker: Tracker): void {
  const receivedAt = new Date().toISOString()
  const limit = options.bodyLimitBytes()
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  let delivered = false

  // A client that resets mid-body emits 'error' on the request; without a listener it would throw.
  req.on('error', () => undefined)
  res.on('error', () => undefined)

  const deliver = () => {
    if (delivered) return
    delivered = true
    if (tracker.stopping) {
      // Never handed to the pipeline, so never captured: say so, rather than cut the line.
      res.shouldKeepAlive = false
      res.writeHead(503, ['Content-Type', 'application/json', 'Connection', 'close'])
      res.end(JSON.stringify({ error: 'the listener is stopping; nothing was recorded, so send it again later' }))
      return
    }
    owe(tracker, res)
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    options.onRequest(
      {
        receivedAt,
        method: req.method ?? 'GET',
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q + 1),
        httpVersion: req.httpVersion,
        remoteAddress: req.socket.remoteAddress ?? '',
        headers: pairsFromRaw(req.rawHeaders),
        body: Buffer.concat(chunks, size),
        truncated
      },
      responder(req, res, tracker)
    )
  }

  req.on('data', (chunk: Buffer) => {
    if (truncated) return // past the limit: drain without keeping
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size))
      size = limit
      truncated = true
      deliver()
      return
    }
    chunks.push(chunk)
    size += chunk.length
  })
  // 'end' only fires for a complete body; a client that vanished mid-body is not captured.
  req.on('end', deliver)
}

/** Records that `res` is owed an answer until it is sent, held, or its socket is gone. */
function owe(tracker: Tracker, res: http.ServerResponse): void {
  tracker.owed.add(res)
  res.once('close', () => settle(tracker, res))
}

function settle(tracker: Tracker, res: http.ServerResponse): void {
  if (tracker.owed.delete(res)) tracker.onSettled()
}

function responder(req: http.IncomingMessage, res: http.ServerResponse, tracker: Tracker): Responder {
  const gone = () => res.destroyed || res.writableEnded || req.socket.destroyed
  return {
    reply(status, headers, body, opts = {}) {
      if (gone()) return
      // While stopping, the answer is the connection's last: a keep-alive client must not
      // send another request into a socket that is about to close.
      if (tracker.stopping) opts = { ...opts, close: true }
      const flat: string[] = []
      for (const [name, value] of headers) {
        if (!MANAGED_REPLY_HEADERS.has(name.toLowerCase())) flat.push(name, value)
      }
      // A string body goes out in the same write (one TLS record) as the head; a Buffer
      // would make Node write twice. Measurably faster on the capture hot path.
      flat.push('Content-Length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length))
      if (opts.close) flat.push('Connection', 'close')
      try {
        res.writeHead(status, flat)
      } catch (err) {
        // A header the rule cannot send (validated on save, but rows can be edited). The
        // sender gets a short text; the detail goes to the log.
        console.error(`kyc-hooks receiver: the listener's reply could not be sent: ${(err as Error).message}`)
        res.writeHead(500, ['Content-Type', 'application/json'])
        res.end(JSON.stringify({ error: "the listener's configured reply could not be sent; see the Workbench log" }))
        return
      }
      res.end(body)
    },
    hold() {
      // Nothing to send: the request is complete and Node applies no response timeout. A
      // stop does not wait for an answer that is never coming.
      settle(tracker, res)
    },
    reset() {
      settle(tracker, res)
      if (req.socket.destroyed) return
      // A TLS socket has no TCP handle of its own: the reset must go to the TCP socket under
      // it (`_parent`, internal but stable since Node 0.11). Once the HTTP parser owns a TLS
      // stream Node may still close with a FIN; the client gets no answer either way.
      const socket = req.socket as Socket & { _parent?: Socket }
      const tcp = socket._parent ?? socket
      try {
        tcp.resetAndDestroy()
      } catch {
        // Not a TCP handle (e.g. a pipe): fall through to destroy.
      }
      if (!socket.destroyed) socket.destroy()
    }
  }
}

function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy()
    return
  }
  const [status, text] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['431 Request Header Fields Too Large', 'request headers too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['408 Request Timeout', 'request timed out']
        : ['400 Bad Request', 'malformed HTTP request']
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`)
}
