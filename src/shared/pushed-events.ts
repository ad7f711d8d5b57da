/**
 * The names of every event the engine pushes (the keys of `events` in contract.ts), without
 * the schemas: the UI subscribes to them all at start, before it needs zod (issue 10). A
 * test checks that this list and the contract agree.
 */
import type { EventKey } from './contract'

export const PUSHED_EVENTS: readonly EventKey[] = [
  'capture.received',
  'capture.updated',
  'captures.deleted',
  'delivery.updated',
  'attempt.finished',
  'listener.state',
  'listeners.changed',
  'endpoints.changed',
  'credentials.changed',
  'settings.changed',
  'health.alert',
  'platform.request',
  'platform.changed',
  'platform.state',
  'audit.progress',
  'scenario.progress'
]
