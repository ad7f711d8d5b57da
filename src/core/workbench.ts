/**
 * createWorkbench(): the one entry point to the engine. It opens the data file, wires the
 * services together and returns an object whose namespaces implement the contract
 * (src/shared/contract.ts). The Electron main process, `kyc-hooks serve` and the CLI all
 * start here; none of them reaches into a service directly.
 */
import { EventBus } from './event-bus'
import { openDatabase, type Db } from './store/database'
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
import type { WorkbenchApi } from '../shared/workbench-api'
import { WORKBENCH_VERSION } from './version'

export interface WorkbenchOptions {
  /** Database file; defaults to KYC_HOOKS_DB or the per-user data folder. */
  db?: string
  /** Data folder (CA, database); defaults to the database's folder. */
  dataDir?: string
  /** better_sqlite3.node built for the running runtime (the Electron app passes its own). */
  nativeBinding?: string
  /** Which face hosts this Workbench, reported by app.info. */
  transport?: 'ipc' | 'web'
  /** Start the outbox worker (retries) and auto-start listeners. The CLI's one-shot commands pass false. */
  background?: boolean
}

export interface Workbench extends WorkbenchApi {
  readonly bus: EventBus
  readonly db: Db
  readonly dataDir: string
  readonly dbFile: string
  /** Stops listeners and the outbox worker, then closes the database. */
  close(): Promise<void>
}

export async function createWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const { dataDir, dbFile } = resolveDataLocation(options)
  const db = openDatabase(dbFile, { nativeBinding: options.nativeBinding, ownFolder: ownsDataDir(options) })
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
  const exchange = createExchangeService({ db, receiver, sender, caCertPath: () => tls.caCertPath() })

  let stopWatching = (): void => {}
  if (options.background !== false) {
    sender.start()
    await receiver.startAutoStartListeners()
    stopWatching = watchExternalCaptures(db, bus)
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
    endpoints: sender.endpoints,
    send: sender.send,
    deliveries: { ...sender.deliveries, curl: exchange.curlForDelivery },
    exchange: { export: exchange.export, importHar: exchange.importHar },
    tls,
    settings,
    async close() {
      stopWatching()
      await sender.stop()
      await receiver.stopAll()
      db.close()
    }
  }
  return workbench
}
