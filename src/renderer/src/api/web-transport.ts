/**
 * The contract over HTTP + WebSocket, for the UI served by `kyc-hooks serve`. Calls are
 * POST /api/call/<method> with the per-run token as a Bearer header; pushed events arrive
 * on one shared WebSocket as batched arrays `[{ event, payload }, ...]`; partysocket's
 * ReconnectingWebSocket reconnects it with backoff (and per-tab jitter) when the server goes away.
 *
 * The token comes from `?token=` on first load. It is moved to sessionStorage (this tab
 * only) and removed from the address bar, so it does not sit in history, bookmarks or a
 * screenshot of the URL. Loading that URL also gives the browser an HttpOnly, SameSite=Strict
 * session cookie for this run, so a second tab or a bookmark (`/#/compose`) opened without
 * the token still gets in: such a page sends the cookie (same-origin credentials) and the
 * server accepts it together with the Origin the browser adds.
 */
import type { BridgeReply, WorkbenchBridge } from '../../../shared/bridge'
import type { EventKey, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/contract'
import { createEventFanout } from '../../../shared/event-fanout'
import ReconnectingWebSocket from 'partysocket/ws'
import { ApiError } from './client'

/** The socket's state, for the status bar; `unauthorized` means the page lacks a valid token. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized'

const TOKEN_KEY = 'kyc-hooks.serve-token'
const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 10_000

export const TOKEN_REQUIRED_MESSAGE =
  'token required: open the URL that kyc-hooks serve printed (it ends with ?token=...); the token changes on every start'

let token: string | null | undefined // undefined: not read yet
let socket: ReconnectingWebSocket | null = null
let state: ConnectionState = 'closed'
// One failing view must not stop the others from hearing the event.
const fanout = createEventFanout((event, err) => console.error(`handler for ${event} failed`, err))
const stateListeners = new Set<(state: ConnectionState) => void>()

/**
 * The page's token: from `?token=` (which then leaves the address bar) or from this tab's
 * sessionStorage. A token in the URL wins, so opening a freshly printed URL replaces an old one.
 */
function readToken(): string | null {
  if (token !== undefined) return token
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    token = fromUrl
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl)
    } catch {
      // Storage may be disabled; the token then lives only as long as this page.
    }
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  } else {
    try {
      token = sessionStorage.getItem(TOKEN_KEY)
    } catch {
      token = null
    }
  }
  return token
}

function setState(next: ConnectionState): void {
  if (state === next) return
  state = next
  for (const listener of [...stateListeners]) {
    try {
      listener(next)
    } catch (err) {
      console.error('connection listener failed', err)
    }
  }
}

/** Calls `handler` with the current state now and on every change; returns the unsubscribe. */
export function onConnectionChange(handler: (state: ConnectionState) => void): () => void {
  stateListeners.add(handler)
  ensureSocket()
  handler(state)
  return () => void stateListeners.delete(handler)
}

async function post(method: string, input: unknown): Promise<Response> {
  const t = readToken()
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (t) headers.Authorization = `Bearer ${t}`
  return fetch(`/api/call/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input ?? {}),
    cache: 'no-store',
    // Without a token in this tab, the run's session cookie is what lets it in.
    credentials: 'same-origin'
  })
}

async function callOverHttp(method: string, input: unknown): Promise<unknown> {
  let res: Response
  try {
    res = await post(method, input)
  } catch (err) {
    throw new ApiError('network', `the Workbench server does not answer (${(err as Error).message}): is kyc-hooks serve still running?`)
  }
  let reply: BridgeReply<unknown> | null
  try {
    reply = (await res.json()) as BridgeReply<unknown>
  } catch {
    reply = null
  }
  if (res.status === 401) {
    setState('unauthorized')
    throw new ApiError('unauthorized', TOKEN_REQUIRED_MESSAGE)
  }
  if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
    throw new ApiError('network', `the server answered ${res.status} to "${method}" without a readable reply: is this kyc-hooks serve?`)
  }
  if (reply.ok) return reply.result
  throw new ApiError(reply.error.code, reply.error.message, reply.error.details)
}

function dispatchBatch(data: unknown): void {
  if (typeof data !== 'string') return
  let batch: unknown
  try {
    batch = JSON.parse(data)
  } catch {
    return
  }
  fanout.deliverBatch(batch)
}

function ensureSocket(): void {
  if (socket) return
  if (state === 'unauthorized') return
  const t = readToken()
  setState('connecting')
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  // No token in this tab: the browser sends the session cookie with the upgrade instead.
  const query = t ? `?token=${encodeURIComponent(t)}` : ''
  const url = `${scheme}//${window.location.host}/api/events${query}`
  let opened = false
  const ws = new ReconnectingWebSocket(
    // Called before every attempt, after the backoff wait: the moment the page is connecting again.
    () => {
      setState('connecting')
      return url
    },
    undefined,
    {
      // 0.5 s, 1 s, 2 s … 10 s; the first delay is jittered per tab so several tabs do not
      // reconnect in lockstep after a server restart.
      minReconnectionDelay: Math.round(FIRST_RETRY_MS * (0.8 + Math.random() * 0.4)),
      maxReconnectionDelay: MAX_RETRY_MS,
      reconnectionDelayGrowFactor: 2,
      // Back to the first delay as soon as a socket opens.
      minUptime: 0,
      // A busy machine may take a while to answer the upgrade: only give up on a silent server.
      connectionTimeout: 10_000,
      shouldReconnectOnClose: () => state !== 'unauthorized'
    }
  )
  socket = ws
  ws.onopen = () => {
    opened = true
    setState('open')
  }
  ws.onmessage = (e: MessageEvent) => dispatchBatch(e.data)
  ws.onclose = () => {
    if (state === 'unauthorized') return
    setState('closed')
    // A refused upgrade looks like any failed connect to a browser: ask over HTTP whether
    // the token is the reason before retrying forever.
    if (!opened) void probeToken(ws)
    opened = false
  }
}

/** Stops reconnecting when the server refuses this page's token (or cookie). */
async function probeToken(ws: ReconnectingWebSocket): Promise<void> {
  try {
    const res = await post('app.info', {})
    if (res.status === 401) {
      setState('unauthorized')
      ws.close()
    }
  } catch {
    // Server down: the socket keeps retrying.
  }
}

/** The WorkbenchBridge for a browser page served by `kyc-hooks serve`. */
export function createWebBridge(): WorkbenchBridge {
  readToken()
  return {
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return callOverHttp(method, input) as Promise<MethodOutput<M>>
    },
    subscribe<E extends EventKey>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      const remove = fanout.add(event, handler as (payload: unknown) => void)
      ensureSocket()
      return remove
    }
  }
}
