/**
 * createWorkbench(): the one entry point to the engine. It opens the data file, wires the
 * services together and returns an object whose namespaces implement the contract
 * (src/shared/contract.ts). The Electron main process, `kyc-hooks serve` and the CLI all
 * start here; none of them reaches into a service directly.
 */
import { EventBus } from './event-bus'
import { createRetention } from './receiver/retention'
import { compactDatabase } from './store/compact'
import { openDatabase, type Db, type MigrationProgress } from './store/database'
import { ownsDataDir, resolveDataLocation } from './paths'
import { createCatalogService } from './catalog'
import { createSigningService } from './signing'
import { createCredentialsService } from './credentials'
import { createSettingsService } from './settings'
import { createTlsService } from './tls'
import { createReceiver } from './receiver'
import { watchExternalCaptures } from './receiver/external-captures'
import { createSender } from './sender'
import { createReplayService } from './replay'
import { createExchangeService } from './exchange'
import { createHealthService } from './health'
import { createPlatform, type PlatformService } from './platform'
import { createAuditService } from './audit'
import { createScenariosService, type ScenariosService } from './scenarios'
import type { WorkbenchApi } from '../shared/workbench-api'
import { WORKBENCH_VERSION } from './version'

export interface WorkbenchOptions {
  /** Database file; defaults to KYC_HOOKS_DB or the per-user data folder. */
  db?: string
  /** Data folder (CA, database); defaults to the database's folder. */
  dataDir?: string
  /** better_sqlite3.node built for the running runtime (the Electron app passes its own). */
  nativeBinding?: string
  /** Told how far a long migration of an existing database has got (the CLI prints it). */
  onMigrationProgress?: (progress: MigrationProgress) => void
  /** Which face hosts this Workbench, reported by app.info. */
  transport?: 'ipc' | 'web'
  /** Start the outbox worker (retries) and auto-start listeners. The CLI's one-shot commands pass false. */
  background?: boolean
  /** The mock platform's rate-limiter clock in ms (tests hold it still); Date.now otherwise. */
  platformRateClock?: () => number
}

export interface Workbench extends WorkbenchApi {
  /** The mock platform, with `operations` for scenario runners that drive it without HTTP. */
  readonly platform: PlatformService
  /** Scenarios, with `settled(runId)` for engine tests that wait for a run (the CLI follows `scenario.progress`). */
  readonly scenarios: ScenariosService
  readonly bus: EventBus
  readonly db: Db
  readonly dataDir: string
  readonly dbFile: string
  /** Stops listeners and the outbox worker, then closes the database. */
  close(): Promise<void>
}

export async function createWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const { dataDir, dbFile } = resolveDataLocation(options)
  const db = openDatabase(dbFile, {
    nativeBinding: options.nativeBinding,
    ownFolder: ownsDataDir(options),
    onMigrationProgress: options.onMigrationProgress
  })
  const bus = new EventBus()

  const settings = createSettingsService(db, bus)
  const credentials = createCredentialsService(db, bus)
  const tls = createTlsService(dataDir)
  const catalog = createCatalogService()
  const signing = createSigningService({
    verificationSecrets: () => credentials.verificationSecrets(),
    expiredSecrets: () => credentials.expiredSecrets(),
    currentSecret: () => credentials.currentSecret(),
    apiKey: () => credentials.apiKey()
  })
  const receiver = createReceiver({ db, bus, tls, credentials })
  const sender = createSender({ db, bus, tls, credentials, settings })
  const replay = createReplayService({ getCapture: (id) => receiver.captures.get({ id }), sender, credentials })
  const audit = createAuditService({ db, bus, sender, credentials, tls })
  const exchange = createExchangeService({ db, receiver, sender, caCertPath: () => tls.caCertPath() })
  const health = createHealthService({ db, bus, settings })
  const platform = createPlatform({
    db,
    bus,
    credentials,
    deliver: (args) => sender.deliver(args),
    startSender: () => sender.start(),
    rateClock: options.platformRateClock
  })

  // Old captures go in the background, in small batches (issue 10); a changed setting applies at once.
  const retention = createRetention({ db, bus, settings: () => settings.current().retention })
  const scenarios = createScenariosService({
    db,
    bus,
    dataDir,
    operations: platform.operations,
    emitter: platform.scenarioEmitter,
    endpoints: sender.endpoints,
    currentSecret: () => credentials.currentSecret()
  })

  let stopWatching = (): void => {}
  let stopRetentionWatch = (): void => {}
  if (options.background !== false) {
    sender.start()
    health.monitor.start()
    await receiver.startAutoStartListeners()
    stopWatching = watchExternalCaptures(db, bus)
    const { platformAutoStart, platformPort } = settings.current()
    // A taken port must not keep the app from opening: the Platform screen shows the error.
    if (platformAutoStart) await platform.start({ port: platformPort, host: '127.0.0.1', rate: 100, burst: 200 }).catch(() => undefined)
    retention.start()
    stopRetentionWatch = bus.on('settings.changed', () => void retention.enforce().catch(() => 0))
  }

  const workbench: Workbench = {
    bus,
    db,
    dataDir,
    dbFile,
    app: {
      info: async () => ({
        version: WORKBENCH_VERSION,
        dataDir,
        dbFile,
        caCertPath: tls.caCertPath(),
        transport: options.transport ?? 'web'
      })
    },
    catalog,
    signing,
    credentials,
    listeners: receiver.listeners,
    captures: { ...receiver.captures, curl: exchange.curlForCapture },
    replay,
    endpoints: { ...sender.endpoints, health: health.report },
    send: sender.send,
    deliveries: { ...sender.deliveries, curl: exchange.curlForDelivery },
    exchange: { export: exchange.export, importHar: exchange.importHar },
    tls,
    settings: { ...settings, compactDatabase: async () => compactDatabase(db) },
    platform,
    audit,
    scenarios,
    async close() {
      stopWatching()
      // Runs in flight stop at their next wait; their deliveries so far are recorded.
      await scenarios.shutdown()
      stopRetentionWatch()
      await retention.stop()
      // The platform first: its queued events still go through the sender.
      await platform.shutdown()
      health.monitor.stop()
      await sender.stop()
      await receiver.stopAll()
      db.close()
    }
  }
  return workbench
}
