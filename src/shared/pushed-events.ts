/**
 * The names of every event the engine pushes (the keys of `events` in contract.ts), without
 * the schemas: the UI subscribes to them all at start, before it needs zod (issue 10), and
 * the sandboxed preload, which cannot bundle zod, lists them from here too. The type check
 * below fails the build when the contract gains an event not listed here; a test compares
 * the list with the contract at run time.
 */
import type { EventKey } from './contract'

export const PUSHED_EVENTS = [
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
] as const satisfies readonly EventKey[]

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { addToSrcSharedPushedEventsTs: Exclude<All, Listed> }
const _allEventsListed: Missing<EventKey, (typeof PUSHED_EVENTS)[number]> = true
void _allEventsListed
