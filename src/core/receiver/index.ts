/**
 * The receiver: listeners that capture every request on local HTTPS/HTTP sockets, and the
 * captures they record. See capture-pipeline.ts for what happens to one request, and
 * listener-manager.ts for starting and stopping.
 */
import type { Db } from '../store/database'
import type { EventBus } from '../event-bus'
import type { LocalTls } from '../tls'
import type { LabeledSecret } from '../signing'
import type { ServiceOf } from '../../shared/workbench-api'
import { newId } from '../ids'
import { ListenerInput, type Capture, type Listener } from '../../shared/models'
import { badInput, notFound } from '../../shared/errors'
import { createCapturesRepo } from './captures-repo'
import { createCaptureWriter } from './capture-writer'
import { createCapturePipeline } from './capture-pipeline'
import { createDuplicateIndex } from './duplicate-index'
import { createForwarder } from './forwarder'
import { isMaskedSecretRef, maskedSecretRef, resolveSecretRefs } from '../../shared/secret-mask'
import { createListenersRepo } from './listeners-repo'
import { createListenerManager } from './listener-manager'
import { checkListenerConfig } from './listener-validation'
import { createImporter } from './import-captures'
import { suggestFreePort } from './free-port'
import type { ImportedCapture, ListenerConfig } from './types'

export type { ImportedCapture } from './types'

export interface ReceiverDeps {
  db: Db
  bus: EventBus
  tls: { ensure(): Promise<LocalTls> }
  credentials: { verificationSecrets(): LabeledSecret[]; expiredSecrets(): LabeledSecret[]; apiKey(): string | null }
}

export interface Receiver {
  listeners: ServiceOf<'listeners'>
  captures: Omit<ServiceOf<'captures'>, 'curl'>
  /** Starts the listeners marked autoStart; one that fails shows it in its state, the others still start. */
  startAutoStartListeners(): Promise<void>
  /** Stops every listener, waits for forwards in progress, and commits queued captures. */
  stopAll(): Promise<void>
  /** Full captures, oldest first; all of them when `ids` is omitted (for export). */
  getCaptures(ids?: string[]): Capture[]
  /** Records imported requests (source 'import', no listener); returns their ids in order. */
  insertImported(records: ImportedCapture[]): string[]
}

/** Creates the receiver over the Workbench's database. Nothing listens until a start. */
export function createReceiver(deps: ReceiverDeps): Receiver {
  const { db, bus } = deps
  const listenersRepo = createListenersRepo(db)
  const capturesRepo = createCapturesRepo(db)
  const writer = createCaptureWriter(db, capturesRepo)
  const duplicates = createDuplicateIndex(capturesRepo)
  const forwarder = createForwarder()
  const pipeline = createCapturePipeline({ bus, repo: capturesRepo, writer, duplicates, forwarder, secrets: deps.credentials })
  const importer = createImporter({ db, bus, repo: capturesRepo, duplicates, secrets: deps.credentials })

  // Configs are read on every request; keep them in memory, written through on change.
  const configs = new Map<string, ListenerConfig>(listenersRepo.list().map((c) => [c.id, c]))
  const manager = createListenerManager({ bus, tls: deps.tls, pipeline, config: (id) => configs.get(id) ?? null })

  /** What leaves the engine: extra secrets masked (see shared/secret-mask.ts). */
  function view(config: ListenerConfig): Listener {
    return { ...config, secrets: config.secrets.map(maskedSecretRef), state: manager.state(config.id) }
  }

  function mustGet(id: string): ListenerConfig {
    const config = configs.get(id) ?? listenersRepo.get(id)
    if (!config) throw notFound('listener', id)
    configs.set(id, config)
    return config
  }

  const listeners: ServiceOf<'listeners'> = {
    async list() {
      // The table is the truth (another process, e.g. the CLI, may have changed it); a
      // running listener removed elsewhere stays listed until it is stopped.
      const stored = listenersRepo.list()
      const ids = new Set(stored.map((c) => c.id))
      for (const c of stored) configs.set(c.id, c)
      for (const id of [...configs.keys()]) if (!ids.has(id) && !manager.isRunning(id)) configs.delete(id)
      return [...configs.values()].sort(byCreation).map(view)
    },

    async create(input) {
      const now = new Date().toISOString()
      const config: ListenerConfig = { ...ListenerInput.parse(input), id: newId('lst'), createdAt: now, updatedAt: now }
      // A masked stand-in names a stored secret of an existing listener; a new one has none.
      const standIn = config.secrets.find(isMaskedSecretRef)
      if (standIn !== undefined) throw badInput(`listener secret "${standIn}" is a masked stand-in, not a secret: paste the secret itself`)
      checkListenerConfig(config)
      listenersRepo.insert(config)
      configs.set(config.id, config)
      bus.emit('listeners.changed', {})
      return view(config)
    },

    async update({ id, patch }) {
      const before = mustGet(id)
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      if (patch.secrets !== undefined) {
        // Masked stand-ins from listeners.list mean "keep this stored secret".
        const { secrets, unknown } = resolveSecretRefs(patch.secrets, before.secrets)
        if (unknown !== null) {
          throw badInput(`listener secret "${unknown}" no longer matches a stored secret (the list changed): reload the listener and try again`)
        }
        defined.secrets = secrets
      }
      const parsed = ListenerInput.safeParse({ ...inputOf(before), ...defined })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw badInput(`listener field ${issue?.path.join('.') || '?'} is not valid: ${issue?.message ?? 'invalid value'}`, parsed.error.issues)
      }
      const after: ListenerConfig = { ...parsed.data, id, createdAt: before.createdAt, updatedAt: new Date().toISOString() }
      checkListenerConfig(after)
      listenersRepo.update(after)
      configs.set(id, after)
      bus.emit('listeners.changed', {})
      const socketChanged = after.host !== before.host || after.port !== before.port || after.protocol !== before.protocol
      if (socketChanged && manager.isRunning(id)) {
        // The change is saved either way; a failed restart shows in the listener's state.
        await manager.restart(after).catch(() => undefined)
      }
      return view(after)
    },

    async remove({ id }) {
      mustGet(id)
      await manager.forget(id)
      listenersRepo.remove(id)
      configs.delete(id)
      bus.emit('listeners.changed', {})
      return { ok: true as const }
    },

    async start({ id }) {
      return manager.start(mustGet(id))
    },

    async revealSecrets({ id }) {
      return { secrets: [...mustGet(id).secrets] }
    },

    async stop({ id }) {
      mustGet(id)
      return manager.stop(id)
    },

    async suggestPort({ host, preferred }) {
      const taken = new Set([...configs.values()].map((c) => c.port).filter((p) => p > 0))
      return { port: await suggestFreePort(host, preferred, taken) }
    }
  }

  const captures: Omit<ServiceOf<'captures'>, 'curl'> = {
    async list(filter) {
      return capturesRepo.list(filter)
    },

    async get({ id }) {
      const capture = capturesRepo.get(id)
      if (!capture) throw notFound('capture', id)
      return capture
    },

    async delete({ ids }) {
      writer.flush()
      const deleted = capturesRepo.deleteIds(ids)
      duplicates.reset()
      if (deleted.length > 0) bus.emit('captures.deleted', { ids: deleted, all: false })
      return { deleted: deleted.length }
    },

    async clear({ listenerId }) {
      writer.flush()
      duplicates.reset()
      if (listenerId !== undefined) {
        const ids = capturesRepo.clearListener(listenerId)
        if (ids.length > 0) bus.emit('captures.deleted', { ids, all: false })
        return { deleted: ids.length }
      }
      const deleted = capturesRepo.clearAll()
      bus.emit('captures.deleted', { ids: [], all: true })
      return { deleted }
    }
  }

  return {
    listeners,
    captures,
    async startAutoStartListeners() {
      const auto = listenersRepo.list().filter((c) => c.autoStart)
      for (const c of auto) configs.set(c.id, c)
      await Promise.all(auto.map((c) => manager.start(c).catch(() => undefined)))
    },
    async stopAll() {
      await manager.stopAll()
      await pipeline.drain()
      // Commits what is queued and closes the writer thread's connection before the database closes.
      writer.close()
      await forwarder.close()
    },
    getCaptures(ids) {
      writer.flush()
      return capturesRepo.getMany(ids)
    },
    insertImported(records) {
      return importer.insert(records)
    }
  }
}

function inputOf(c: ListenerConfig): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = c
  return input
}

function byCreation(a: ListenerConfig, b: ListenerConfig): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1
}
