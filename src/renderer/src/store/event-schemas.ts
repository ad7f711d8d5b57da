/**
 * Each event's JSON Schema, read from the engine once per app run: the catalog does not
 * change while the app runs, so every screen that needs a schema (Compose's editor, the
 * Inbox's replay editor) shares this one cache instead of keeping its own.
 */
import type { EventName } from '../../../shared/models'
import { call } from '../api/client'

export type EventSchema = Record<string, unknown>

const cache = new Map<EventName, Promise<EventSchema>>()

/** The schema of `event`; a failed read is forgotten, so the next call tries again. */
export function eventSchema(event: EventName): Promise<EventSchema> {
  let pending = cache.get(event)
  if (!pending) {
    pending = call('catalog.schema', { event }).then((answer) => answer.schema)
    pending.catch(() => cache.delete(event))
    cache.set(event, pending)
  }
  return pending
}
