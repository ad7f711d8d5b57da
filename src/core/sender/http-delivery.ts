/**
 * One delivery attempt: a POST of the exact message bytes with undici, through the
 * sender's pooled Agent for this target's trust store and TLS strictness (keep-alive
 * connections, see delivery-agents.ts), never following redirects. Everything that can go
 * wrong ends up in the result as words, never thrown: a hostile or broken target must not
 * crash the engine.
 */
import { performance } from 'node:perf_hooks'
import { request } from 'undici'
import type { HeaderPair } from '../../shared/models'
import { describeNetworkError, describeStatus } from './attempt-errors'
import type { DeliveryAgents } from './delivery-agents'

/** Response bodies are kept up to this many bytes per attempt; the rest is dropped and flagged. */
export const RESPONSE_BODY_LIMIT = 256 * 1024

export interface AttemptRequest {
  url: string
  headers: HeaderPair[]
  body: Buffer
  timeoutMs: number
  insecureTls: boolean
  /** PEM certificates to trust besides the system's (the local CA, a target's caFile). */
  extraCa: string[]
  /** Aborts the attempt when the engine shuts down. */
  signal?: AbortSignal
  /** The sender's connection pools (keep-alive, one per trust setting). */
  agents: DeliveryAgents
}

export interface AttemptResult {
  startedAt: string
  durationMs: number
  responseCode: number | null
  responseHeaders: HeaderPair[]
  responseBody: Buffer
  responseTruncated: boolean
  /** Why it failed, in words; for a success, a warning (e.g. insecure TLS) or null. */
  error: string | null
  outcome: 'success' | 'error'
  /** True when `signal` aborted it: not a result, the attempt should simply be made again later. */
  aborted: boolean
}

const INSECURE_WARNING = 'warning: TLS certificate not verified (insecure TLS is on for this target)'

function pairsOf(flat: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]])
  return pairs
}

/** Makes one attempt and reports what happened; never throws. */
export async function attemptDelivery(req: AttemptRequest): Promise<AttemptResult> {
  const startedAt = new Date().toISOString()
  const t0 = performance.now()
  const target = new URL(req.url)
  const isHttps = target.protocol === 'https:'
  const agent = req.agents.agentFor({ isHttps, insecureTls: req.insecureTls, extraCa: req.extraCa, connectTimeoutMs: req.timeoutMs })
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error(`timeout after ${req.timeoutMs} ms`))
  }, req.timeoutMs)
  const onShutdown = (): void => controller.abort(new Error('the Workbench is stopping'))
  if (req.signal?.aborted) onShutdown()
  req.signal?.addEventListener('abort', onShutdown, { once: true })

  let responseCode: number | null = null
  let responseHeaders: HeaderPair[] = []
  const chunks: Buffer[] = []
  let kept = 0
  let truncated = false
  let error: string | null = null
  try {
    const res = await request(target, {
      dispatcher: agent,
      method: 'POST',
      headers: req.headers.flat(),
      body: req.body,
      signal: controller.signal,
      responseHeaders: 'raw',
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs
    })
    responseCode = res.statusCode
    responseHeaders = pairsOf(res.headers as unknown as string[])
    for await (const chunk of res.body) {
      const buf = chunk as Buffer
      const room = RESPONSE_BODY_LIMIT - kept
      if (buf.length > room) {
        chunks.push(buf.subarray(0, room))
        kept += room
        truncated = true
        break
      }
      chunks.push(buf)
      kept += buf.length
    }
    if (truncated) res.body.destroy()
  } catch (err) {
    error = describeNetworkError(err, target, req.timeoutMs, timedOut)
  } finally {
    clearTimeout(timer)
    req.signal?.removeEventListener('abort', onShutdown)
  }
  const durationMs = Math.round((performance.now() - t0) * 100) / 100
  const aborted = !timedOut && controller.signal.aborted && error !== null
  let outcome: 'success' | 'error' = 'error'
  if (error === null && responseCode !== null) {
    if (responseCode >= 200 && responseCode < 300) {
      outcome = 'success'
      if (isHttps && req.insecureTls) error = INSECURE_WARNING
    } else {
      const location = responseHeaders.find(([name]) => name.toLowerCase() === 'location')?.[1] ?? null
      error = describeStatus(responseCode, location)
    }
  } else if (error !== null && isHttps && req.insecureTls) {
    error = `${error} (insecure TLS was on for this target)`
  }
  return {
    startedAt,
    durationMs,
    responseCode,
    responseHeaders,
    responseBody: Buffer.concat(chunks),
    responseTruncated: truncated,
    error,
    outcome,
    aborted
  }
}
