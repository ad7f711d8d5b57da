/**
 * The mock platform's HTTP server (node:http, beside the listeners). Per request: the API
 * key (X-API-Key header or ?api_key=), the key's token bucket, the route, the validated
 * input, the operation; every answer is JSON, carries the X-RateLimit-* headers, and is
 * written to the API request log with the events it caused.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { z } from 'zod'
import { WorkbenchError, messageOf } from '../../shared/errors'
import type { EventName } from '../../shared/models'
import type { ApiRequestLog } from '../../shared/platform-models'
import { maskSecret } from '../credentials/generate'
import { newId } from '../ids'
import { matchRoute } from './api-routes'
import type { Handler } from './api-handlers'
import { buildOpenApi } from './openapi'
import type { RateDecision, RateLimiter } from './rate-limit'

/** Largest request body the API reads (the real platform's limit is not documented). */
export const MAX_BODY_BYTES = 1024 * 1024

export interface ApiServerDeps {
  handlers: Record<string, Handler>
  limiter: RateLimiter
  /** 'current' and 'grace' keys are let in. */
  keyStatus(key: string): 'current' | 'grace' | 'expired' | 'unknown'
  log(entry: ApiRequestLog): void
  limits: { rate: number; burst: number }
}

export interface RunningApi {
  host: string
  port: number
  baseUrl: string
  close(): Promise<void>
}

const STATUS_OF: Record<string, number> = {
  'bad-input': 400,
  unauthorized: 401,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'rate-limited': 429
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

/** The first zod issue as "field: what is wrong", and the field's dotted path. */
function describeZod(error: z.ZodError, where: 'body' | 'query'): ApiError {
  const issue = error.issues[0]
  const path = issue.path.map(String).join('.')
  // Unknown keys have an empty path; their names are in the issue.
  const keys = (issue as { keys?: string[] }).keys
  const field = path || keys?.join(',') || undefined
  const what = field ? `${where === 'query' ? 'query parameter' : 'field'} "${field}"` : `the ${where}`
  return new ApiError('bad-input', `${what}: ${issue.message}`, field)
}

/** Where a request's key goes in the log: the api_key query value masked, never stored in clear. */
function loggedPath(url: URL): string {
  if (!url.searchParams.has('api_key')) return url.pathname + url.search
  const masked = url.search.replace(/([?&]api_key=)([^&]*)/g, (_all, name: string, value: string) => {
    let key = value
    try {
      key = decodeURIComponent(value.replace(/\+/g, ' '))
    } catch {
      // Not valid percent-encoding: mask the raw text.
    }
    return `${name}${maskSecret(key)}`
  })
  return url.pathname + masked
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('bad-input', `the body is larger than ${MAX_BODY_BYTES} bytes: send less`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch (err) {
    throw new ApiError('bad-input', `the body is not JSON (${messageOf(err)}): send a JSON object with Content-Type: application/json`)
  }
}

function rateHeaders(d: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(d.resetAt)
  }
}

export async function startApiServer(deps: ApiServerDeps, options: { host: string; port: number }): Promise<RunningApi> {
  let baseUrl = ''

  async function answer(req: http.IncomingMessage, url: URL, requestId: string): Promise<{ status: number; body: unknown; headers: Record<string, string>; events: EventName[]; key: string | null }> {
    const headerKey = req.headers['x-api-key']
    const key = (Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? url.searchParams.get('api_key')
    const method = req.method ?? 'GET'

    if (url.pathname === '/v1/openapi.json' && (method === 'GET' || method === 'HEAD')) {
      return { status: 200, body: buildOpenApi(baseUrl, deps.limits), headers: {}, events: [], key: null }
    }

    // Every answer below carries the key's bucket state, 401s and 404s included.
    const decision = deps.limiter.take(key ?? '')
    const headers = rateHeaders(decision)
    try {
      if (!decision.allowed) {
        throw new ApiError(
          'rate-limited',
          `rate limit exceeded: ${deps.limits.rate} requests per minute per API key, bursts up to ${deps.limits.burst}; retry after ${decision.retryAfterSeconds} s`,
          undefined,
          { 'Retry-After': String(decision.retryAfterSeconds) }
        )
      }
      if (!key) throw new ApiError('unauthorized', 'API key required: send it as the X-API-Key header or the api_key query parameter')
      const status = deps.keyStatus(key)
      if (status === 'expired') {
        throw new ApiError('unauthorized', 'this API key was rotated and its grace period has ended: use the current key (kyc-hooks credentials show)')
      }
      if (status === 'unknown') throw new ApiError('unauthorized', 'wrong API key: use the key from kyc-hooks credentials show (or Settings)')

      const found = matchRoute(method, url.pathname)
      if (!found) throw new ApiError('not-found', `no API path ${url.pathname}: see GET /v1/openapi.json for the paths there are`)
      if ('allowed' in found) {
        throw new ApiError('method-not-allowed', `${method} is not allowed on ${url.pathname}: use ${found.allowed.join(' or ')}`, undefined, {
          Allow: found.allowed.join(', ')
        })
      }
      const { route, params } = found
      const raw = await readBody(req)
      let body: unknown
      if (route.body) {
        const parsed = route.body.safeParse(parseJson(raw))
        if (!parsed.success) throw describeZod(parsed.error, 'body')
        body = parsed.data
      }
      let query: unknown
      if (route.query) {
        const given = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'api_key'))
        const parsed = route.query.safeParse(given)
        if (!parsed.success) throw describeZod(parsed.error, 'query')
        query = parsed.data
      }
      const out = deps.handlers[route.operationId]({ params, body, query, requestId })
      return { status: route.status, body: out.body, headers, events: out.events, key }
    } catch (err) {
      const e =
        err instanceof ApiError
          ? err
          : err instanceof WorkbenchError && err.code in STATUS_OF
            ? new ApiError(err.code, err.message, (err.details as { field?: string } | undefined)?.field)
            : new ApiError('internal', `the mock platform failed: ${messageOf(err)}`)
      return {
        status: STATUS_OF[e.code] ?? 500,
        body: { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } },
        headers: { ...headers, ...e.headers },
        events: [],
        key
      }
    }
  }

  const server = http.createServer((req, res) => {
    const started = performance.now()
    const requestId = newId('req')
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: { code: 'bad-input', message: 'malformed request URL' } }))
      return
    }
    answer(req, url, requestId)
      .then((out) => {
        const text = JSON.stringify(out.body, null, 2)
        res.writeHead(out.status, {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Smart-KYC-Mock': 'true',
          ...out.headers
        })
        res.end(req.method === 'HEAD' ? undefined : text)
        try {
          deps.log({
            id: requestId,
            at: new Date().toISOString(),
            method: req.method ?? '',
            path: loggedPath(url),
            keyMasked: out.key ? maskSecret(out.key) : null,
            status: out.status,
            events: out.events,
            durationMs: Math.round((performance.now() - started) * 10) / 10
          })
        } catch {
          // Logging must never break an answer (the database may be closing).
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'internal', message: 'the mock platform failed to answer' } }))
      })
  })
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new WorkbenchError('port-in-use', `port ${options.port} on ${options.host} is in use: pass --port (0 picks a free one) or stop the other program`)
          : new WorkbenchError('io', `the mock platform cannot listen on ${options.host}:${options.port}: ${err.message}`)
      )
    }
    server.once('error', onError)
    server.listen(options.port, options.host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
  baseUrl = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/v1`

  return {
    host: options.host,
    port,
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
