/**
 * endpoints.*: saved webhook targets, checked against Smart KYC's rules (HTTPS, custom
 * headers that cannot break the request) before they are stored.
 */
import { EndpointInput, type Endpoint } from '../../shared/models'
import { notFound } from '../../shared/errors'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { ServiceOf } from '../../shared/workbench-api'
import type { EndpointsRepo } from './endpoints-repo'
import { checkCustomHeaders } from './header-policy'
import { checkTargetUrl } from './url-policy'

type EndpointFields = Omit<Endpoint, 'id' | 'createdAt' | 'updatedAt'>

function checkEndpoint(fields: EndpointFields): EndpointFields {
  const url = fields.url.trim()
  checkTargetUrl(url, { allowLocalHttp: fields.allowLocalHttp })
  checkCustomHeaders(fields.headers)
  return { ...fields, url, name: fields.name.trim() || url }
}

/**
 * The endpoints namespace of the contract over the endpoints table. `followEndpoints` makes
 * the outbox follow a change: deliveries of an Inactive endpoint pause ("webhooks are
 * paused"), resume when it is Active again, and are cancelled when it is deleted.
 */
export function createEndpointsService(repo: EndpointsRepo, bus: EventBus, followEndpoints: () => void = () => undefined): ServiceOf<'endpoints'> {
  const changed = (): void => {
    bus.emit('endpoints.changed', {})
    followEndpoints()
  }

  return {
    async list() {
      return repo.list()
    },

    async create(input) {
      // Parse again so direct (non-dispatcher) callers get the same defaults and bounds.
      const fields = checkEndpoint(EndpointInput.parse(input) as EndpointFields)
      const now = new Date().toISOString()
      const endpoint: Endpoint = { ...fields, id: newId('ep'), createdAt: now, updatedAt: now }
      repo.insert(endpoint)
      changed()
      return endpoint
    },

    async update({ id, patch }) {
      const existing = repo.get(id)
      if (!existing) throw notFound('endpoint', id)
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      const { id: _id, createdAt: _c, updatedAt: _u, ...current } = existing
      const merged = EndpointInput.parse({ ...current, ...defined }) as EndpointFields
      const fields = checkEndpoint(merged)
      const endpoint: Endpoint = { ...existing, ...fields, updatedAt: new Date().toISOString() }
      repo.update(endpoint)
      changed()
      return endpoint
    },

    async remove({ id }) {
      // Past deliveries keep their endpoint_name and url, so the log still reads after this;
      // waiting ones are cancelled with the reason (changed() -> followEndpoints).
      if (!repo.remove(id)) throw notFound('endpoint', id)
      changed()
      return { ok: true as const }
    }
  }
}
