/**
 * What happens to one request on a running listener: analyse it, decide the reply,
 * write the capture (group commit), announce it, then answer — the answer never leaves
 * before the row is committed. With `forwardTo`, the request then goes to the user's app
 * and the capture is updated with the app's answer.
 *
 * Forwarding and the rule: every captured request is forwarded (except one over the body
 * limit). When the rule would send its normal reply, the sender gets the app's answer
 * instead (status, headers, body), so the Workbench is transparent in front of the app;
 * when the rule injects a failure (failFirst, failureRate), a timeout or a reset, that
 * wins, because it was asked for, and the forward happens in the background.
 */
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import { messageOf } from '../../shared/errors'
import type { CaptureResponse, HeaderPair } from '../../shared/models'
import { analyse, listenerSecrets, type SecretSource } from './capture-analysis'
import { toCaptureRow, toSummary } from './capture-mapping'
import { createDeferredDiagnoser } from './deferred-diagnosis'
import type { CaptureWriter } from './capture-writer'
import type { CapturesRepo } from './captures-repo'
import type { DuplicateIndex } from './duplicate-index'
import type { Forwarder, ForwardOutcome } from './forwarder'
import { endToEndHeaders } from './hop-by-hop'
import type { IncomingRequest, Responder } from './listener-server'
import { decideResponse, type Decision } from './response-rule'
import type { ListenerConfig, NewCaptureRow } from './types'

/** The live side of a running listener that the pipeline needs. */
export interface ListenerRuntime {
  config(): ListenerConfig
  /** 1 for the first request with this body since the listener started, then 2, 3, ... */
  nextAttempt(sha256: string): number
  /** Aborted when the listener stops: cuts delays and in-flight forwards short. */
  signal: AbortSignal
  /** True when `url` points back at this listener (forwarding there would loop forever). */
  isSelf(url: string): boolean
}

export interface PipelineDeps {
  bus: EventBus
  repo: CapturesRepo
  writer: CaptureWriter
  duplicates: DuplicateIndex
  forwarder: Forwarder
  secrets: SecretSource
}

const JSON_HEADERS: HeaderPair[] = [['Content-Type', 'application/json']]

// A sender sees only these short texts in a 5xx; the detail goes to the log (see logFailure),
// since an error message can carry internals (paths, SQL, stack-overflow text).
const NOT_SAVED = JSON.stringify({ error: 'the capture could not be saved; nothing was recorded, so send it again later' })
const FAILED = JSON.stringify({ error: 'the Workbench failed to handle this request; see its log' })

export function createCapturePipeline(deps: PipelineDeps) {
  const inFlight = new Set<Promise<void>>()
  const diagnoser = createDeferredDiagnoser({ repo: deps.repo, bus: deps.bus })

  async function handle(rt: ListenerRuntime, req: IncomingRequest, res: Responder): Promise<void> {
    const config = rt.config()
    const id = newId('cap')
    const secrets = listenerSecrets(config.secrets, config.useApiSecret, deps.secrets)
    const analysis = analyse(req.body, req.headers, secrets, deps.secrets, { deferLarge: true })
    const duplicateOf = deps.duplicates.claim(config.id, analysis.sha256, id)

    let decision: Decision | null = null
    let response: CaptureResponse
    let forwardNow = false
    if (req.truncated) {
      response = {
        mode: 'too-large',
        status: 413,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          error: `request body is larger than this listener's limit of ${config.bodyLimitBytes} bytes: raise bodyLimitBytes or send less`
        }),
        delayMs: 0
      }
    } else {
      decision = decideResponse(config.rule, rt.nextAttempt(analysis.sha256))
      forwardNow = config.forwardTo !== null && decision.kind === 'reply' && decision.simulated === null
      response = recordedResponse(decision, forwardNow)
    }

    const row = toCaptureRow({
      id,
      listenerId: config.id,
      source: 'listener',
      request: req,
      analysis,
      duplicateOf,
      response
    })

    let seq: number
    try {
      seq = await deps.writer.write(row)
    } catch (err) {
      deps.duplicates.release(config.id, analysis.sha256, id)
      // Not on disk, so not acknowledged: a 5xx makes a well-behaved sender retry.
      logFailure('a capture could not be saved', err)
      res.reply(503, JSON_HEADERS, NOT_SAVED)
      return
    }
    deps.bus.emit('capture.received', toSummary({ ...row, seq }))
    if (analysis.deferred) diagnoser.enqueue({ ...row, seq }, analysis.signature, analysis.deferred)

    if (req.truncated || !decision) {
      res.reply(413, response.headers, response.body, { close: true })
      return
    }

    const forwarded = config.forwardTo !== null ? forward(rt, config.forwardTo, req) : null
    if (forwarded && !forwardNow) {
      // The rule answers; the forward's result is recorded when it arrives.
      const background = forwarded.then((outcome) => saveOutcome({ ...row, seq }, response, outcome))
      track(background)
    }

    if (decision.kind === 'timeout') return res.hold()
    await sleep(decision.delayMs, rt.signal)
    if (decision.kind === 'reset') return res.reset()

    if (forwarded && forwardNow) {
      const outcome = await forwarded
      const relayed = relayedResponse(outcome, decision.delayMs)
      saveOutcome({ ...row, seq }, relayed, outcome)
      res.reply(relayed.status ?? 502, relayed.headers, outcome.result.status === null ? relayed.body : outcome.body)
      return
    }
    res.reply(decision.status, decision.headers, decision.body)
  }

  function forward(rt: ListenerRuntime, forwardTo: string, req: IncomingRequest): Promise<ForwardOutcome> {
    if (rt.isSelf(forwardTo)) {
      return Promise.resolve({
        result: {
          url: forwardTo,
          status: null,
          headers: [],
          bodyBase64: '',
          error: `not forwarded: ${forwardTo} is this listener itself, which would loop; point forwardTo at your app`,
          durationMs: 0
        },
        body: Buffer.alloc(0),
        truncated: false
      })
    }
    const p = deps.forwarder.forward({
      forwardTo,
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body,
      signal: rt.signal
    })
    track(p.then(() => undefined))
    return p
  }

  function saveOutcome(row: NewCaptureRow & { seq: number }, response: CaptureResponse, outcome: ForwardOutcome): void {
    try {
      deps.repo.setOutcome(row.id, { response, forward: outcome.result })
    } catch {
      // The capture may have been deleted meanwhile, or the database closed at shutdown.
      return
    }
    deps.bus.emit('capture.updated', toSummary({ ...row, response_status: response.status }))
  }

  function track(p: Promise<void>): void {
    const settled = p.catch(() => undefined)
    inFlight.add(settled)
    void settled.finally(() => inFlight.delete(settled))
  }

  return {
    /** Handles one request; never rejects (a failure becomes a 500 to the client). */
    handle(rt: ListenerRuntime, req: IncomingRequest, res: Responder): void {
      handle(rt, req, res).catch((err: unknown) => {
        logFailure(`a request to ${req.method} ${req.path.slice(0, 200)} failed`, err)
        res.reply(500, JSON_HEADERS, FAILED)
      })
    },
    /** Resolves when every forward, background update and diagnosis in progress has finished. */
    async drain(): Promise<void> {
      await diagnoser.drain()
      while (inFlight.size > 0) await Promise.all([...inFlight])
    }
  }
}

export type CapturePipeline = ReturnType<typeof createCapturePipeline>

/** What the capture records about the reply before it is sent. */
function recordedResponse(decision: Decision, awaitingForward: boolean): CaptureResponse {
  if (decision.kind !== 'reply') {
    return { mode: decision.kind, status: null, headers: [], body: '', delayMs: decision.delayMs }
  }
  if (awaitingForward) return { mode: 'reply', status: null, headers: [], body: '', delayMs: decision.delayMs }
  return { mode: 'reply', status: decision.status, headers: decision.headers, body: decision.body, delayMs: decision.delayMs }
}

/** The reply built from the app's answer: its status, end-to-end headers and body; 502 when it did not answer. */
function relayedResponse(outcome: ForwardOutcome, delayMs: number): CaptureResponse {
  const { result } = outcome
  if (result.status === null) {
    return {
      mode: 'reply',
      status: 502,
      headers: JSON_HEADERS,
      body: JSON.stringify({ error: `forward to ${result.url} failed: ${result.error}` }),
      delayMs
    }
  }
  return {
    mode: 'reply',
    status: result.status,
    headers: endToEndHeaders(result.headers).filter(([n]) => n.toLowerCase() !== 'content-length'),
    body: outcome.body.toString('utf8'),
    delayMs
  }
}

// The same failure repeats per request under load (a full disk): log each text once a minute.
const lastLogged = new Map<string, number>()
const LOG_EVERY_MS = 60_000

/** Writes a failure's detail to the log (stderr), at most once a minute per distinct message. */
function logFailure(what: string, err: unknown): void {
  const line = `kyc-hooks receiver: ${what}: ${messageOf(err)}`
  const now = Date.now()
  if ((lastLogged.get(line) ?? -Infinity) > now - LOG_EVERY_MS) return
  if (lastLogged.size > 100) lastLogged.clear()
  lastLogged.set(line, now)
  console.error(line)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
