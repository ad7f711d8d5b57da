/**
 * The mock Smart KYC platform: a REST API (API-key auth, the documented rate limits, OpenAPI)
 * over invitations and submissions whose changes cause the webhooks, sent through the one
 * sender. It is a mock: the docs describe the API's existence, auth and limits; its paths
 * and fields are inferred (see api-routes.ts).
 *
 * `operations` is the core API scenarios drive directly; the contract's platform.* methods
 * (the Platform screen) and the HTTP routes are two more faces of the same operations.
 */
import type { EventBus } from '../event-bus'
import type { Db } from '../store/database'
import type { ServiceOf } from '../../shared/workbench-api'
import { PlatformOptions, type PlatformStatus } from '../../shared/platform-models'
import { createHandlers } from './api-handlers'
import { startApiServer, type RunningApi } from './api-server'
import { createEventEmitter, type EmitterDeps, type EventEmitter } from './event-emitter'
import { createOperations, type PlatformOperations } from './operations'
import { createPlatformRepo } from './platform-repo'
import { createRateLimiter } from './rate-limit'

export type { PlatformOperations } from './operations'
export { ROUTES } from './api-routes'
export { buildOpenApi } from './openapi'

/** The expiry timer wakes at least this often, so invitations made by another process on the file expire too. */
export const EXPIRY_POLL_MS = 30_000

export interface PlatformDeps {
  db: Db
  bus: EventBus
  credentials: {
    currentSecret(): string | null
    apiKeyStatus(key: string): 'current' | 'grace' | 'expired' | 'unknown'
  }
  deliver: EmitterDeps['deliver']
  /** Starts the sender's outbox worker (retries), so a running platform delivers with nothing else running. */
  startSender(): void
  /** Clocks, injectable for exact tests: state times, and the rate limiter's milliseconds. */
  now?: () => Date
  rateClock?: () => number
}

export type PlatformService = ServiceOf<'platform'> & {
  readonly operations: PlatformOperations
  /** Diverts a scenario run's events to its own delivery schedule and sends them (core/scenarios). */
  readonly scenarioEmitter: Pick<EventEmitter, 'divert' | 'send'>
  /** Stops the API server and the expiry timer (the Workbench's close calls it). */
  shutdown(): Promise<void>
}

export function createPlatform(deps: PlatformDeps): PlatformService {
  const now = deps.now ?? (() => new Date())
  // The repo's tenant lookup goes through the operations, which create the tenant on first use.
  let ops: PlatformOperations | null = null
  const repo = createPlatformRepo(deps.db, () => (ops as PlatformOperations).tenantId())
  const emitter = createEventEmitter({ repo, currentSecret: () => deps.credentials.currentSecret(), deliver: deps.deliver })

  let api: RunningApi | null = null
  let options = PlatformOptions.parse({})
  let lastError: string | null = null
  let expiryTimer: NodeJS.Timeout | null = null

  function planExpiry(): void {
    if (!api) return
    if (expiryTimer) clearTimeout(expiryTimer)
    const next = repo.nextExpiry()
    const wait = next === null ? EXPIRY_POLL_MS : Math.min(EXPIRY_POLL_MS, Math.max(0, Date.parse(next) - now().getTime()))
    expiryTimer = setTimeout(runExpiry, wait)
    expiryTimer.unref()
  }

  function runExpiry(): void {
    expiryTimer = null
    try {
      operations.expireDue('expiry timer')
    } catch {
      // A busy or closing database: the next run picks the invitations up.
    }
    planExpiry()
  }

  const operations = createOperations({
    repo,
    emitter,
    now,
    onChange: () => {
      deps.bus.emit('platform.changed', {})
      planExpiry()
    }
  })
  ops = operations

  function status(): PlatformStatus {
    return {
      running: api !== null,
      baseUrl: api?.baseUrl ?? null,
      host: api?.host ?? null,
      port: api?.port ?? null,
      rate: options.rate,
      burst: options.burst,
      error: lastError
    }
  }

  async function stop(): Promise<PlatformStatus> {
    if (expiryTimer) clearTimeout(expiryTimer)
    expiryTimer = null
    const running = api
    api = null
    if (running) await running.close()
    deps.bus.emit('platform.state', status())
    return status()
  }

  return {
    operations,
    scenarioEmitter: { divert: emitter.divert, send: emitter.send },
    async status() {
      return status()
    },
    async start(input) {
      if (api) return status()
      options = PlatformOptions.parse(input)
      const limiter = createRateLimiter({ rate: options.rate, burst: options.burst, now: deps.rateClock })
      try {
        api = await startApiServer(
          {
            handlers: createHandlers(operations),
            limiter,
            keyStatus: (key) => deps.credentials.apiKeyStatus(key),
            log: (entry) => {
              repo.insertRequest(entry)
              deps.bus.emit('platform.request', entry)
            },
            limits: { rate: options.rate, burst: options.burst }
          },
          { host: options.host, port: options.port }
        )
        lastError = null
      } catch (err) {
        lastError = (err as Error).message
        deps.bus.emit('platform.state', status())
        throw err
      }
      deps.startSender()
      // Events a stopped process recorded but never handed to the sender go out first.
      emitter.resume()
      // Invitations whose time ran out while nothing ran expire now: the timer lives in the table.
      runExpiry()
      deps.bus.emit('platform.state', status())
      return status()
    },
    stop: () => stop(),
    async requests({ limit }) {
      return repo.requests(limit)
    },
    async invitations({ limit }) {
      return operations.listInvitations({ limit }).data
    },
    async submissions({ limit }) {
      return operations.listSubmissions({ limit }).data
    },
    async createInvitation(input) {
      return operations.createInvitation(input, 'Platform screen').result
    },
    async cancelInvitation({ id, reason }) {
      return operations.cancelInvitation(id, { reason }, 'Platform screen').result
    },
    async complete({ id, aml, responses }) {
      return operations.completeInvitation(id, { aml, responses, savesProgress: false }, 'Platform screen').result
    },
    async dismissMatch({ id, reason }) {
      return operations.dismissMatch(id, { reason }, 'Platform screen').result
    },
    async updateSubmission({ id, patch }) {
      return operations.patchSubmission(id, patch, 'Platform screen').result
    },
    async shutdown() {
      await stop()
      await emitter.idle()
    }
  }
}
