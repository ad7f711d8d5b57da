/**
 * Listeners: the local HTTPS/HTTP servers that capture webhooks, their live state
 * (running / stopped / error with the reason), and the local CA users must trust.
 */
import type { MethodOutput } from '../../../shared/contract'
import type { Listener, ListenerInput, ListenerState } from '../../../shared/models'
import { call } from '../api/client'
import { downloadText } from '../app/download'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export type LocalCa = MethodOutput<'tls.ca'>

export interface ListenersSlice {
  listeners: {
    items: Listener[]
    loaded: boolean
    loading: boolean
    /** Ids with a start/stop/save in flight, so their buttons can show it. */
    busy: string[]
    ca: LocalCa | null
    load(): Promise<void>
    /** Creates a listener; returns it, or null after reporting the error. */
    create(input: ListenerInput): Promise<Listener | null>
    update(id: string, patch: Partial<ListenerInput>): Promise<Listener | null>
    remove(id: string): Promise<boolean>
    start(id: string): Promise<void>
    stop(id: string): Promise<void>
    /** A free port for a new listener on `host` (8443 or the next free one); null when it cannot tell. */
    suggestPort(host: string): Promise<number | null>
    applyStates(states: ListenerState[]): void
    loadCa(): Promise<void>
    saveCa(): void
  }
}

export const createListenersSlice: SliceCreator<ListenersSlice> = (set, get) => {
  const patch = nestedSetter(set, 'listeners')
  const list = serverResource()
  const markBusy = (id: string, busy: boolean) =>
    patch((s) => ({ busy: busy ? [...s.busy, id] : s.busy.filter((x) => x !== id) }))
  const upsert = (listener: Listener) =>
    patch((s) => {
      const i = s.items.findIndex((l) => l.id === listener.id)
      if (i === -1) return { items: [...s.items, listener] }
      const items = s.items.slice()
      items[i] = listener
      return { items }
    })

  return {
    listeners: {
      items: [],
      loaded: false,
      loading: false,
      busy: [],
      ca: null,

      async load() {
        patch({ loading: true })
        await list.load(() => call('listeners.list', {}), {
          data: (items) => patch({ items, loaded: true }),
          error: (err) => get().app.reportError(err, 'Loading listeners'),
          settled: () => patch({ loading: false })
        })
      },

      async create(input) {
        try {
          const listener = await call('listeners.create', input)
          upsert(listener)
          return listener
        } catch (err) {
          get().app.reportError(err, 'Creating the listener')
          return null
        }
      },

      async update(id, changes) {
        markBusy(id, true)
        try {
          const listener = await call('listeners.update', { id, patch: changes })
          upsert(listener)
          return listener
        } catch (err) {
          get().app.reportError(err, 'Saving the listener')
          return null
        } finally {
          markBusy(id, false)
        }
      },

      async remove(id) {
        try {
          await call('listeners.remove', { id })
          patch((s) => ({ items: s.items.filter((l) => l.id !== id) }))
          return true
        } catch (err) {
          get().app.reportError(err, 'Deleting the listener')
          return false
        }
      },

      async suggestPort(host) {
        try {
          return (await call('listeners.suggestPort', { host, preferred: 8443 })).port
        } catch {
          // Only a proposal: the form keeps its default and a taken port shows on start.
          return null
        }
      },

      async start(id) {
        markBusy(id, true)
        try {
          get().listeners.applyStates([await call('listeners.start', { id })])
        } catch (err) {
          get().app.reportError(err, 'Starting the listener')
        } finally {
          markBusy(id, false)
        }
      },

      async stop(id) {
        markBusy(id, true)
        try {
          get().listeners.applyStates([await call('listeners.stop', { id })])
        } catch (err) {
          get().app.reportError(err, 'Stopping the listener')
        } finally {
          markBusy(id, false)
        }
      },

      applyStates(states) {
        if (states.length === 0) return
        const byId = new Map(states.map((st) => [st.id, st]))
        patch((s) => ({ items: s.items.map((l) => (byId.has(l.id) ? { ...l, state: byId.get(l.id)! } : l)) }))
      },

      async loadCa() {
        try {
          patch({ ca: await call('tls.ca', {}) })
        } catch (err) {
          get().app.reportError(err, 'Reading the local CA')
        }
      },

      saveCa() {
        const ca = get().listeners.ca
        if (!ca) return
        downloadText('smart-kyc-workbench-ca.crt', ca.pem, 'application/x-x509-ca-cert')
      }
    }
  }
}
