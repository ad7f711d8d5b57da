/**
 * Sends a captured request on to the user's app (the listener's `forwardTo`) with the
 * exact body bytes and the end-to-end headers, and records what the app answered.
 *
 * The target URL is `forwardTo` with the request's path appended below its path (and the
 * request's query): forwardTo `http://localhost:3000/hooks` + `/kyc?x=1` gives
 * `http://localhost:3000/hooks/kyc?x=1`; a request to `/` goes to `forwardTo` itself.
 */
import { Agent, request } from 'undici'
import type { ForwardResult, HeaderPair } from '../../shared/models'
import { messageOf } from '../../shared/errors'
import { endToEndHeaders } from './hop-by-hop'

/** What the app's answer may weigh in the capture: enough for any JSON error, not a download. */
export const FORWARD_BODY_LIMIT = 1024 * 1024
const FORWARD_TIMEOUT_MS = 30_000

export interface ForwardRequest {
  forwardTo: string
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  body: Buffer
  signal?: AbortSignal
}

/** The forward's result plus, when the app answered, its body bytes (for relaying them). */
export interface ForwardOutcome {
  result: ForwardResult
  body: Buffer
  /** True when the body was cut at FORWARD_BODY_LIMIT. */
  truncated: boolean
}

/** The URL a request is forwarded to. */
export function forwardUrl(forwardTo: string, path: string, query: string): string {
  const url = new URL(forwardTo)
  const extra = path === '/' || path === '' ? '' : path.startsWith('/') ? path : `/${path}`
  if (extra) url.pathname = url.pathname.replace(/\/$/, '') + extra
  if (query) url.search = `?${query}`
  return url.toString()
}

/** A forwarder with its own connection pool, closed with `close()`. */
export function createForwarder() {
  const agent = new Agent({ headersTimeout: FORWARD_TIMEOUT_MS, bodyTimeout: FORWARD_TIMEOUT_MS, connections: 64 })

  async function forward(req: ForwardRequest): Promise<ForwardOutcome> {
    const started = performance.now()
    let url: string
    try {
      url = forwardUrl(req.forwardTo, req.path, req.query)
    } catch (err) {
      return failure(req.forwardTo, `the forward URL ${JSON.stringify(req.forwardTo)} is not valid: ${messageOf(err)}`, started)
    }
    const host = new URL(url).host
    const headers: string[] = []
    let sawHost = false
    for (const [name, value] of endToEndHeaders(req.headers)) {
      // Host names the target, not us; keep its place in the order.
      if (name.toLowerCase() === 'host') {
        if (sawHost) continue
        sawHost = true
        headers.push(name, host)
      } else {
        headers.push(name, value)
      }
    }
    if (!sawHost) headers.push('Host', host)
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? (req.body.length ? req.body : null) : req.body,
        dispatcher: agent,
        signal: req.signal
      })
      const chunks: Buffer[] = []
      let size = 0
      let truncated = false
      for await (const chunk of res.body) {
        const buf = chunk as Buffer
        if (size + buf.length > FORWARD_BODY_LIMIT) {
          chunks.push(buf.subarray(0, FORWARD_BODY_LIMIT - size))
          size = FORWARD_BODY_LIMIT
          truncated = true
          break
        }
        chunks.push(buf)
        size += buf.length
      }
      if (truncated) res.body.destroy()
      const body = Buffer.concat(chunks, size)
      return {
        result: {
          url,
          status: res.statusCode,
          headers: headerPairs(res.headers),
          bodyBase64: body.toString('base64'),
          error: truncated ? `the response body was longer than ${FORWARD_BODY_LIMIT} bytes: only the first ${FORWARD_BODY_LIMIT} were kept` : null,
          durationMs: Math.round(performance.now() - started)
        },
        body,
        truncated
      }
    } catch (err) {
      return failure(url, describeError(err, url), started)
    }
  }

  return {
    forward,
    close: () => agent.close().catch(() => undefined)
  }
}

export type Forwarder = ReturnType<typeof createForwarder>

function failure(url: string, error: string, started: number): ForwardOutcome {
  return {
    result: { url, status: null, headers: [], bodyBase64: '', error, durationMs: Math.round(performance.now() - started) },
    body: Buffer.alloc(0),
    truncated: false
  }
}

function headerPairs(headers: Record<string, string | string[] | undefined>): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, v])
  }
  return pairs
}

function describeError(err: unknown, url: string): string {
  const code = (err as { code?: string; cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code
  const target = (() => {
    try {
      return new URL(url).host
    } catch {
      return url
    }
  })()
  if (code === 'ECONNREFUSED') return `ECONNREFUSED: nothing listens on ${target}; start your app or fix the forward URL`
  if (code === 'ENOTFOUND') return `ENOTFOUND: the host of ${url} does not resolve; check the forward URL`
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `timeout after ${FORWARD_TIMEOUT_MS} ms: ${target} did not answer in time`
  }
  if ((err as { name?: string })?.name === 'AbortError') return 'the forward was cancelled because the listener stopped'
  return `${code ? `${code}: ` : ''}${messageOf(err)}`
}
