/**
 * Saved webhook endpoints (the docs' "Webhooks" list): load, create, edit, toggle active,
 * delete. The last delivery status per endpoint is read from one deliveries.list call and
 * kept current by live `delivery.updated` events.
 */
import type { Delivery, Endpoint, EndpointInput } from '../../../shared/models'
import { call } from '../api/client'
import { errorMessage } from './errors'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

/** What the list shows about an endpoint's latest delivery. */
export interface LastDelivery {
  deliveryId: string
  status: Delivery['status']
  code: number | null
  at: string
}

export interface EndpointsSlice {
  endpoints: {
    items: Endpoint[]
    loaded: boolean
    loading: boolean
    lastDelivery: Record<string, LastDelivery>
    load(): Promise<void>
    /** Resolves to the saved endpoint, or to an error message for the form to show inline. */
    create(input: EndpointInput): Promise<{ ok: true; endpoint: Endpoint } | { ok: false; error: string }>
    update(id: string, patch: Partial<EndpointInput>): Promise<{ ok: true; endpoint: Endpoint } | { ok: false; error: string }>
    setActive(id: string, active: boolean): Promise<void>
    remove(id: string): Promise<boolean>
    applyDeliveries(updates: Delivery[]): void
  }
}

function lastByEndpoint(deliveries: Delivery[], into: Record<string, LastDelivery> = {}): Record<string, LastDelivery> {
  const out = { ...into }
  for (const d of deliveries) {
    if (!d.endpointId) continue
    const prev = out[d.endpointId]
    // The newest delivery wins; an update of the same delivery replaces it.
    if (!prev || prev.deliveryId === d.id || prev.at <= d.createdAt) {
      out[d.endpointId] = { deliveryId: d.id, status: d.status, code: d.lastResponseCode, at: d.createdAt }
    }
  }
  return out
}

function upsert(items: Endpoint[], e: Endpoint): Endpoint[] {
  const i = items.findIndex((x) => x.id === e.id)
  if (i < 0) return [...items, e]
  const next = items.slice()
  next[i] = e
  return next
}

export const createEndpointsSlice: SliceCreator<EndpointsSlice> = (set, get) => {
  const patch = nestedSetter(set, 'endpoints')
  const list = serverResource()
  return {
    endpoints: {
      items: [],
      loaded: false,
      loading: false,
      lastDelivery: {},

      async load() {
        patch({ loading: true })
        await list.load(() => Promise.all([call('endpoints.list', {}), call('deliveries.list', { limit: 500 })]), {
          data: ([items, recent]) => patch({ items, loaded: true, lastDelivery: lastByEndpoint([...recent.items].reverse()) }),
          error: (err) => get().app.reportError(err, 'Loading endpoints'),
          settled: () => patch({ loading: false })
        })
      },

      async create(input) {
        try {
          const endpoint = await call('endpoints.create', input)
          patch((s) => ({ items: upsert(s.items, endpoint) }))
          get().app.toast('success', `Saved endpoint ${endpoint.name}`)
          return { ok: true, endpoint }
        } catch (err) {
          return { ok: false, error: errorMessage(err) }
        }
      },

      async update(id, changes) {
        try {
          const endpoint = await call('endpoints.update', { id, patch: changes })
          patch((s) => ({ items: upsert(s.items, endpoint) }))
          return { ok: true, endpoint }
        } catch (err) {
          return { ok: false, error: errorMessage(err) }
        }
      },

      async setActive(id, active) {
        const before = get().endpoints.items
        // Flip at once so the toggle feels instant; roll back if the engine refuses.
        patch({ items: before.map((e) => (e.id === id ? { ...e, active } : e)) })
        const result = await get().endpoints.update(id, { active })
        if (!result.ok) {
          patch({ items: before })
          get().app.reportError(new Error(result.error), active ? 'Activating the endpoint' : 'Deactivating the endpoint')
        }
      },

      async remove(id) {
        try {
          await call('endpoints.remove', { id })
          patch((s) => ({ items: s.items.filter((e) => e.id !== id) }))
          get().app.toast('success', 'Endpoint deleted')
          return true
        } catch (err) {
          get().app.reportError(err, 'Deleting the endpoint')
          return false
        }
      },

      applyDeliveries(updates) {
        if (updates.length === 0) return
        patch((s) => ({ lastDelivery: lastByEndpoint(updates, s.lastDelivery) }))
      }
    }
  }
}
