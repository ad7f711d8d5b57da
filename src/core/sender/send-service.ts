/**
 * send.event and deliver(): sign exact bytes and put them in the outbox. deliver() is the
 * engine-internal form the replay service uses (pre-signed bytes, optional as-is headers).
 */
import type { AdHocTarget } from '../../shared/contract'
import { badInput } from '../../shared/errors'
import type { HeaderPair, Origin, Settings } from '../../shared/models'
import { newId } from '../ids'
import { sign } from '../signing'
import type { ServiceOf } from '../../shared/workbench-api'
import type { EndpointsRepo } from './endpoints-repo'
import type { Outbox, SendResult } from './outbox'
import { resolveTargets } from './targets'

export interface DeliverArgs {
  /** The exact bytes to send. */
  body: Buffer
  event: string | null
  /** The X-SmartKYC-Signature value (already computed over `body`), or null to send none. */
  signature: string | null
  /** When given, sent as-is instead of the standard header set (replay as-is). */
  headers?: HeaderPair[]
  endpointIds?: string[]
  to?: AdHocTarget[]
  origin: Origin
  /** Overrides Settings' retry schedule for these deliveries; [] means one attempt only (the audit). */
  retryScheduleMs?: number[]
}

export interface SendServiceDeps {
  endpoints: EndpointsRepo
  outbox: Outbox
  credentials: { currentSecret(): string | null }
  settings: { current(): Settings }
}

export function createSendService(deps: SendServiceDeps): {
  send: ServiceOf<'send'>
  deliver(args: DeliverArgs): Promise<SendResult>
} {
  /** deliver() for a body nobody else holds: stored and sent without a copy. */
  async function deliverOwned(args: DeliverArgs): Promise<SendResult> {
    const deliveries = resolveTargets(deps.endpoints, {
      signature: args.signature,
      headers: args.headers,
      endpointIds: args.endpointIds,
      to: args.to,
      retryScheduleMs: [...(args.retryScheduleMs ?? deps.settings.current().retryScheduleMs)]
    })
    return deps.outbox.submit(
      {
        id: newId('msg'),
        event: args.event,
        body: args.body,
        signature: args.signature,
        createdAt: new Date().toISOString(),
        origin: args.origin
      },
      deliveries
    )
  }

  // The caller's buffer is copied: it may change it after this call returns.
  const deliver = (args: DeliverArgs): Promise<SendResult> => deliverOwned({ ...args, body: Buffer.from(args.body) })

  return {
    deliver,
    send: {
      async event(input) {
        const secret = input.secret ?? deps.credentials.currentSecret()
        if (!secret) {
          throw badInput('no API secret yet: create credentials (kyc-hooks credentials create) or pass --secret')
        }
        // The text's UTF-8 bytes are the message: signed and sent without re-serialising.
        const body = Buffer.from(input.body, 'utf8')
        return deliverOwned({
          body,
          event: input.event,
          signature: sign(body, secret),
          endpointIds: input.endpointIds,
          to: input.to,
          origin: { kind: input.origin, id: null }
        })
      }
    }
  }
}
