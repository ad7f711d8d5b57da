/**
 * `kyc-hooks serve`: the same UI as the desktop app, in a browser. One node:http server
 * answers three things: the built renderer (static, no token: it holds no data), contract
 * calls at POST /api/call/:method and pushed events on the WebSocket /api/events. Both
 * /api routes need the per-run token, or the session cookie that opening the token URL
 * sets (see session-cookie.ts); every request needs a Host and Origin naming us.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Duplex } from 'node:stream'
import { createDispatcher } from '../shared/dispatcher'
import type { EventBus } from '../core/event-bus'
import { listenError } from '../core/receiver/listen-errors'
import type { WorkbenchApi } from '../shared/workbench-api'
import { bearerToken, createHostPolicy, hostPort, newToken, tokenMatches } from './access'
import { handleApiCall, sendError } from './api-call'
import { createEventStream } from './event-stream'
import { createSessionCookie } from './session-cookie'
import { createStaticHandler } from './static-files'
import { setCommonHeaders } from './security-headers'

/** What the server needs of a Workbench (a Workbench from createWorkbench() is one). */
export type ServedWorkbench = WorkbenchApi & { readonly bus: EventBus }

export interface ServerOptions {
  workbench: ServedWorkbench
  /** Interface to bind; loopback unless the user explicitly asks otherwise. */
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
  /** Fixed token (tests, scripts); a fresh random one per run otherwise. */
  token?: string
  /** The built renderer; defaults to out/renderer of this checkout. */
  rendererDir?: string
  /** Longest wait before pushed events are flushed to the sockets, in ms. */
  eventFlushMs?: number
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: what the user opens. */
  url: string
  token: string
  port: number
  host: string
  /** Stops accepting, drops open sockets and connections. Does not close the Workbench. */
  close(): Promise<void>
}

/** out/renderer next to this checkout's src/ (works from the sources under tsx). */
export function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer')
}

/** The URL for people: a wildcard bind is still opened through loopback. */
export function serverUrl(host: string, port: number, token: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${hostPort(shown, port)}/?token=${encodeURIComponent(token)}`
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? newToken()
  const dispatcher = createDispatcher(options.workbench)
  const statics = createStaticHandler(options.rendererDir ?? defaultRendererDir())
  const events = createEventStream({ bus: options.workbench.bus, flushMs: options.eventFlushMs })
  // Set once listening, when the real port is known.
  let policy = createHostPolicy(host, options.port ?? 0)
  let session = createSessionCookie(options.port ?? 0)

  /**
   * The token (Bearer header, or `?token=` where a browser cannot set headers), or the
   * session cookie from a browser that says where it comes from: a cookie-only request
   * without an Origin is not one our page made, so it is refused.
   */
  function authorized(req: http.IncomingMessage, queryToken: string | null): boolean {
    if (tokenMatches(token, queryToken ?? bearerToken(req.headers.authorization))) return true
    return req.headers.origin !== undefined && session.presentIn(req.headers.cookie)
  }

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((err: unknown) => {
      console.error('serve: request failed', err)
      if (!res.headersSent) sendError(res, 'internal', 'the request failed unexpectedly; the details are in the serve terminal')
      else res.destroy()
    })
  })

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    setCommonHeaders(res)
    const url = parseUrl(req.url)
    const isApi = url !== null && (url.pathname === '/api' || url.pathname.startsWith('/api/'))
    const refuse = (status: number, code: string, message: string): void => {
      if (isApi) return sendError(res, code, message)
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`${message}\n`)
    }
    if (!url) return refuse(400, 'bad-input', 'malformed request URL')
    if (!policy.hostAllowed(req.headers.host)) {
      return refuse(403, 'forbidden', `Host ${JSON.stringify(req.headers.host ?? '')} is not this server: open http://${hostPort(host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, boundPort())}/ instead`)
    }
    if (!policy.originAllowed(req.headers.origin)) {
      return refuse(403, 'forbidden', `requests from origin ${JSON.stringify(req.headers.origin)} are refused: use the UI served by kyc-hooks serve`)
    }
    if (!isApi) {
      // Opening the printed URL hands this browser the run's session, so its other tabs
      // (bookmarks, links opened in a new tab) work without the token in their address.
      if (tokenMatches(token, url.searchParams.get('token'))) res.setHeader('Set-Cookie', session.setCookieHeader())
      return statics.handle(req, res, url.pathname, String(req.headers.host).toLowerCase())
    }

    if (!authorized(req, null)) {
      return sendError(res, 'unauthorized', 'token required: open the URL that kyc-hooks serve printed (it ends with ?token=...)')
    }
    const prefix = '/api/call/'
    if (url.pathname.startsWith(prefix) && url.pathname.length > prefix.length) {
      let method: string
      try {
        method = decodeURIComponent(url.pathname.slice(prefix.length))
      } catch {
        return sendError(res, 'bad-input', 'the method name in the URL is not valid percent-encoding')
      }
      return handleApiCall(req, res, method, dispatcher)
    }
    if (url.pathname === '/api/events') return sendError(res, 'bad-input', '/api/events is a WebSocket: connect with ws://')
    return sendError(res, 'not-found', `no API route ${url.pathname}: calls go to POST /api/call/<method>`)
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const url = parseUrl(req.url)
    if (!url || url.pathname !== '/api/events') return rejectUpgrade(socket, 404, 'not-found', 'WebSockets are served at /api/events only')
    if (!policy.hostAllowed(req.headers.host)) return rejectUpgrade(socket, 403, 'forbidden', 'Host is not this server')
    if (!policy.originAllowed(req.headers.origin)) return rejectUpgrade(socket, 403, 'forbidden', 'cross-origin sockets are refused')
    // Browsers cannot set headers on a WebSocket, so the token travels in the query (or
    // the page rests on the session cookie, which the browser sends with the upgrade).
    if (!authorized(req, url.searchParams.get('token'))) return rejectUpgrade(socket, 401, 'unauthorized', 'token required: add ?token=... to the socket URL')
    events.accept(req, socket, head)
  })

  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  function boundPort(): number {
    const address = server.address()
    return address && typeof address === 'object' ? (address as AddressInfo).port : (options.port ?? 0)
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(listenError(err, host, options.port ?? 0))
    server.once('error', onError)
    server.listen({ host, port: options.port ?? 0 }, () => {
      server.off('error', onError)
      resolve()
    })
  }).catch(async (err: unknown) => {
    await events.close()
    throw err
  })

  const port = boundPort()
  policy = createHostPolicy(host, port)
  session = createSessionCookie(port)
  server.on('error', (err) => console.error('serve: server error', err))

  let closing: Promise<void> | null = null
  return {
    url: serverUrl(host, port, token),
    token,
    port,
    host,
    close() {
      closing ??= (async () => {
        await events.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    }
  }
}

/** The origin-form request target (`/path?query`) as a URL; `//x` stays a path, not a host. */
function parseUrl(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/')) return null
  try {
    return new URL(`http://server.invalid${raw}`)
  } catch {
    return null
  }
}

function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ ok: false, error: { code, message } })
  const reason = http.STATUS_CODES[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  )
}

