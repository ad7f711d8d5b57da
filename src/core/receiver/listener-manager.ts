/**
 * Running listeners: start, stop and restart them, and keep each one's state
 * (stopped / starting / running / error, its URL, its error in words). State is runtime
 * only: an ephemeral port chosen by the OS is reported here and never stored.
 */
import type { EventBus } from '../event-bus'
import type { LocalTls } from '../tls'
import type { ListenerState } from '../../shared/models'
import type { CapturePipeline, ListenerRuntime } from './capture-pipeline'
import { listenError, listenerUrl } from './listen-errors'
import { startListenerServer, type RunningServer } from './listener-server'
import type { ListenerConfig } from './types'

// Bounds the failFirst counters of a long run; a forgotten body just starts counting again.
const MAX_COUNTED_BODIES = 100_000
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'])

interface Running {
  server: RunningServer
  abort: AbortController
  host: string
  port: number
  name: string
}

export interface ListenerManagerDeps {
  bus: EventBus
  tls: { ensure(): Promise<LocalTls> }
  pipeline: CapturePipeline
  /** The listener's current configuration (live: a rule change applies to the next request). */
  config(id: string): ListenerConfig | null
}

export function createListenerManager(deps: ListenerManagerDeps) {
  const states = new Map<string, ListenerState>()
  const running = new Map<string, Running>()
  // Start and stop of one listener run one after the other, never interleaved.
  const queues = new Map<string, Promise<unknown>>()

  function state(id: string): ListenerState {
    return states.get(id) ?? { id, status: 'stopped', url: null, error: null }
  }

  function setState(next: ListenerState): ListenerState {
    states.set(next.id, next)
    deps.bus.emit('listener.state', next)
    return next
  }

  function serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(task)
    queues.set(id, next)
    void next.catch(() => undefined).finally(() => {
      if (queues.get(id) === next) queues.delete(id)
    })
    return next
  }

  function holderOf(host: string, port: number): string | undefined {
    for (const r of running.values()) if (r.port === port && (r.host === host || r.host === '0.0.0.0')) return r.name
    return undefined
  }

  async function doStart(initial: ListenerConfig): Promise<ListenerState> {
    const id = initial.id
    if (running.has(id)) return state(id)
    setState({ id, status: 'starting', url: null, error: null })
    const { host, port, protocol } = initial
    const abort = new AbortController()
    const counts = new Map<string, number>()
    let last = initial
    const runtime: ListenerRuntime = {
      config: () => (last = deps.config(id) ?? last),
      nextAttempt(sha256) {
        const n = (counts.get(sha256) ?? 0) + 1
        if (counts.size >= MAX_COUNTED_BODIES && n === 1) counts.clear()
        counts.set(sha256, n)
        return n
      },
      signal: abort.signal,
      isSelf(url) {
        const own = running.get(id)
        if (!own) return false
        try {
          const target = new URL(url)
          const targetPort = Number(target.port || (target.protocol === 'https:' ? 443 : 80))
          const hostname = target.hostname.replace(/^\[|\]$/g, '')
          return targetPort === own.port && (LOOPBACK.has(hostname) || hostname === own.host)
        } catch {
          return false
        }
      }
    }
    try {
      const tls = protocol === 'https' ? await deps.tls.ensure() : null
      const server = await startListenerServer({
        host,
        port,
        protocol,
        tls: tls ? { cert: tls.leafCertPem, key: tls.leafKeyPem } : undefined,
        bodyLimitBytes: () => runtime.config().bodyLimitBytes,
        onRequest: (req, res) => deps.pipeline.handle(runtime, req, res),
        onError: (err) => {
          setState({ id, status: 'error', url: null, error: `the listener's socket failed: ${err.message}` })
        }
      })
      running.set(id, { server, abort, host, port: server.port, name: initial.name })
      return setState({ id, status: 'running', url: listenerUrl(protocol, host, server.port), error: null })
    } catch (err) {
      const error = listenError(err, host, port, port === 0 ? undefined : holderOf(host, port))
      setState({ id, status: 'error', url: null, error: error.message })
      throw error
    }
  }

  async function doStop(id: string): Promise<ListenerState> {
    const r = running.get(id)
    if (r) {
      running.delete(id)
      r.abort.abort()
      await r.server.close()
    }
    if (!r && state(id).status === 'stopped') return state(id)
    return setState({ id, status: 'stopped', url: null, error: null })
  }

  return {
    state,
    isRunning: (id: string) => running.has(id),
    /** Starts a listener (no-op when running); rejects with a WorkbenchError that also lands in its state. */
    start: (config: ListenerConfig) => serial(config.id, () => doStart(config)),
    stop: (id: string) => serial(id, () => doStop(id)),
    /** Stop then start with the new host/port/protocol. */
    restart: (config: ListenerConfig) =>
      serial(config.id, async () => {
        await doStop(config.id)
        return doStart(config)
      }),
    /** Forget a removed listener's state after stopping it. */
    forget: (id: string) => serial(id, async () => {
      await doStop(id)
      states.delete(id)
    }),
    async stopAll(): Promise<void> {
      await Promise.all([...running.keys()].map((id) => serial(id, () => doStop(id))))
    }
  }
}

export type ListenerManager = ReturnType<typeof createListenerManager>
