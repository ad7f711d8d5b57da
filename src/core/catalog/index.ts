/**
 * The Smart KYC event catalog: the 11 events, their JSON Schemas (plain data), payload
 * templates, and schema validation of any body.
 */
export { EVENT_INFO, isEventName, type EventInfo } from './events'
export { createCatalogService, listEvents, schemaFor } from './service'
export { INFERRED, SCHEMA_BASE_URI, type JsonSchema } from './shared-fields'
export { renderTemplate, templateFor } from './templates'
export { validatePayload } from './validate'
