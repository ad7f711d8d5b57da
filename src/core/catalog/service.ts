/**
 * The catalog as a Workbench service: the contract's `catalog.*` methods over the pure
 * functions of this folder.
 */
import type { ServiceOf } from '../../shared/workbench-api'
import { EVENT_INFO, SCHEMAS, type EventInfo } from './events'
import { renderTemplate } from './templates'
import { validatePayload } from './validate'
import { badInput } from '../../shared/errors'
import { EVENT_NAMES, type EventName } from '../../shared/models'

/** Every event the docs list, with its group, description and documented/inferred flag. */
export function listEvents(): EventInfo[] {
  return EVENT_INFO.map((e) => ({ ...e }))
}

/** The event's envelope JSON Schema (draft 2020-12). A copy: callers may change it freely. */
export function schemaFor(event: EventName): Record<string, unknown> {
  const schema = SCHEMAS[event]
  if (!schema) throw badInput(`${JSON.stringify(event)} is not a Smart KYC event: choose one of ${EVENT_NAMES.join(', ')}`)
  return structuredClone(schema)
}

/** The `catalog` namespace of the Workbench. */
export function createCatalogService(): ServiceOf<'catalog'> {
  return {
    list: async () => listEvents(),
    template: async ({ event }) => ({ body: renderTemplate(event) }),
    schema: async ({ event }) => ({ schema: schemaFor(event) }),
    validate: async ({ body }) => validatePayload(body)
  }
}
