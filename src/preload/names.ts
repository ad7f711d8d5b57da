/**
 * The contract's method and event names as plain strings, for the preload. The sandboxed
 * preload cannot require packages, so importing `methods` from the contract would bundle
 * zod and every model into it; these lists carry only the names. The type checks
 * fail the build when the contract gains a name that is not mirrored, and
 * test/main/preload-bridge.test.ts compares them with the contract at run time.
 */
import type { MethodName } from '../shared/contract'

export const METHOD_NAMES = [
  'app.info',
  'catalog.list',
  'catalog.template',
  'catalog.schema',
  'catalog.validate',
  'signing.sign',
  'signing.verify',
  'signing.signWithStored',
  'credentials.get',
  'credentials.create',
  'credentials.rotate',
  'listeners.list',
  'listeners.create',
  'listeners.update',
  'listeners.remove',
  'listeners.start',
  'listeners.revealSecrets',
  'listeners.stop',
  'listeners.suggestPort',
  'captures.list',
  'captures.get',
  'captures.delete',
  'captures.clear',
  'captures.curl',
  'replay.capture',
  'endpoints.list',
  'endpoints.create',
  'endpoints.update',
  'endpoints.remove',
  'endpoints.health',
  'endpoints.revealHeaders',
  'send.event',
  'deliveries.list',
  'deliveries.get',
  'deliveries.retryNow',
  'deliveries.resend',
  'deliveries.curl',
  'exchange.export',
  'exchange.importHar',
  'tls.ca',
  'settings.get',
  'settings.update',
  'platform.status',
  'platform.start',
  'platform.stop',
  'platform.requests',
  'platform.invitations',
  'platform.submissions',
  'platform.createInvitation',
  'platform.cancelInvitation',
  'platform.complete',
  'platform.dismissMatch',
  'platform.updateSubmission',
  'audit.run',
  'audit.list',
  'audit.get',
  'settings.compactDatabase',
  'scenarios.list',
  'scenarios.get',
  'scenarios.run',
  'scenarios.runs',
  'scenarios.timeline'
] as const satisfies readonly MethodName[]

/** The pushed events' names: one list, shared with the renderer (src/shared/pushed-events.ts). */
export { PUSHED_EVENTS as EVENT_NAMES } from '../shared/pushed-events'

// A contract method missing from the list above makes this line fail to compile, and the
// error names it: add it to the list.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { addToSrcPreloadNamesTs: Exclude<All, Listed> }
const _allMethodsListed: Missing<MethodName, (typeof METHOD_NAMES)[number]> = true
void _allMethodsListed
