/**
 * endpoints.*: saved webhook targets, checked against Smart KYC's rules (HTTPS, custom
 * headers that cannot break the request) before they are stored.
 */
import { EndpointInput, type Endpoint } from '../../shared/models'
import { badInput, notFound } from '../../shared/errors'
import { isMaskedHeaderValue, maskSecretHeaders, resolveMaskedHeaders } from '../../shared/secret-headers'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { ServiceOf } from '../../shared/workbench-api'
import type { EndpointsRepo } from './endpoints-repo'
import { CheckedEndpointInput } from '../../shared/endpoint-rules'

type EndpointFields = Omit<Endpoint, 'id' | 'createdAt' | 'updatedAt'>

function checkEndpoint(fields: EndpointFields): EndpointFields {
  const url = fields.url.trim()
  // The same schema the endpoint form checks with: the first issue, in the same words.
  const checked = CheckedEndpointInput.safeParse({ ...fields, url })
  if (!checked.success) throw badInput(checked.error.issues[0].message)
  return { ...fields, url, name: fields.name.trim() || url }
}

/** What leaves the engine: secret header values (Authorization, X-API-Key…) masked. */
function view(endpoint: Endpoint): Endpoint {
  return { ...endpoint, headers: maskSecretHeaders(endpoint.headers).headers }
}

/**
 * The endpoints namespace of the contract over the endpoints table. `followEndpoints` makes
 * the outbox follow a change: deliveries of an Inactive endpoint pause ("webhooks are
 * paused"), resume when it is Active again, and are cancelled when it is deleted.
 */
export function createEndpointsService(repo: EndpointsRepo, bus: EventBus, followEndpoints: () => void = () => undefined): Omit<ServiceOf<'endpoints'>, 'health'> {
  const changed = (): void => {
    bus.emit('endpoints.changed', {})
    followEndpoints()
  }

  return {
    async list() {
      return repo.list().map(view)
    },

    async revealHeaders({ id }) {
      const endpoint = repo.get(id)
      if (!endpoint) throw notFound('endpoint', id)
      return { headers: endpoint.headers }
    },

    async create(input) {
      // Parse again so direct (non-dispatcher) callers get the same defaults and bounds.
      const fields = checkEndpoint(EndpointInput.parse(input) as EndpointFields)
      // A masked value names a stored one of an existing endpoint; a new endpoint has none.
      const standIn = fields.headers.find(([, value]) => isMaskedHeaderValue(value))
      if (standIn) throw badInput(`header ${standIn[0]} has the masked value "${standIn[1]}", not a value: paste the value itself`)
      const now = new Date().toISOString()
      const endpoint: Endpoint = { ...fields, id: newId('ep'), createdAt: now, updatedAt: now }
      repo.insert(endpoint)
      changed()
      return view(endpoint)
    },

    async update({ id, patch }) {
      const existing = repo.get(id)
      if (!existing) throw notFound('endpoint', id)
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      if (patch.headers !== undefined) {
        // Masked values from endpoints.list mean "keep this stored value".
        const { headers, unknown } = resolveMaskedHeaders(patch.headers, existing.headers)
        if (unknown !== null) throw badInput(`header ${unknown} has a masked value that no longer matches the stored one (the endpoint changed): reload and try again`)
        defined.headers = headers
      }
      const { id: _id, createdAt: _c, updatedAt: _u, ...current } = existing
      const merged = EndpointInput.parse({ ...current, ...defined }) as EndpointFields
      const fields = checkEndpoint(merged)
      const endpoint: Endpoint = { ...existing, ...fields, updatedAt: new Date().toISOString() }
      repo.update(endpoint)
      changed()
      return view(endpoint)
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
