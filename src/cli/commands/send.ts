/**
 * `kyc-hooks send EVENT --to URL`: sign a Smart KYC event and deliver it once, like the
 * platform would. One attempt only: a one-shot command must not keep a retry loop alive.
 * A failed delivery stays `pending` in the shared database with its next retry scheduled,
 * and the desktop app or `kyc-hooks serve` finishes the schedule when it runs (the outbox
 * is durable by design); the report says so.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { EVENT_NAMES, type EventName, type HeaderPair } from '../../shared/models'
import { badInput } from '../../shared/errors'
import { catalogCall } from '../contract-call'
import { printSendOutcome } from '../delivery-report'
import { EXIT_NEGATIVE } from '../errors'
import { assertReadable } from '../input'
import { setExitCode, withContract } from '../options'
import { collect, parseHeader, parseHttpUrl } from '../parse'
import { buildSendBody } from '../send-body'

interface SendOptions {
  to: string
  secret?: string
  data?: string
  set?: string[]
  header?: string[]
  ca?: string
  insecure?: boolean
  json?: boolean
}

/** EVENT checked against the 11 Smart KYC events, with the list in the message when it is not one. */
export function parseEventName(value: string): EventName {
  if ((EVENT_NAMES as readonly string[]).includes(value)) return value as EventName
  throw badInput(`unknown event ${JSON.stringify(value)}: choose one of ${EVENT_NAMES.join(', ')} (see kyc-hooks events)`)
}

async function runSend(eventArg: string, opts: SendOptions, command: Command): Promise<void> {
  const event = parseEventName(eventArg)
  const url = parseHttpUrl('--to', opts.to)
  const headers: HeaderPair[] = (opts.header ?? []).map(parseHeader)
  const caFile = opts.ca === undefined ? undefined : path.resolve(opts.ca)
  if (caFile) assertReadable(caFile, '--ca')

  // Built before the database opens, so a bad --data or --set fails fast and touches nothing.
  const body = await buildSendBody({ template: async () => (await catalogCall('catalog.template', { event })).body, data: opts.data, sets: opts.set ?? [] })
  await withContract(command, async (call) => {
    if (opts.secret === undefined && !(await call('credentials.get', {}))) {
      throw badInput('no secret to sign with: pass --secret S, or create the API credentials with `kyc-hooks credentials create`')
    }
    const result = await call('send.event', {
      event,
      body,
      secret: opts.secret,
      origin: 'cli',
      to: [
        {
          url,
          headers,
          insecureTls: opts.insecure === true,
          ...(caFile ? { caFile } : {})
        }
      ]
    })
    if (!printSendOutcome(result, opts.json === true)) setExitCode(EXIT_NEGATIVE)
  })
}

/** Registers `send`. */
export function registerSend(program: Command): void {
  program
    .command('send')
    .description('sign a Smart KYC event and POST it once to a URL (exit 0 on a 2xx answer, 1 otherwise)')
    .argument('<EVENT>', `one of: ${EVENT_NAMES.join(', ')}`)
    .requiredOption('--to <url>', 'where to deliver, e.g. https://127.0.0.1:8443/webhooks')
    .option('--secret <secret>', 'sign with this secret (default: the stored API secret)')
    .option('--data <file>', "payload file ('-' for stdin) instead of the event's template; sent byte for byte")
    .option('--set <path=value>', 'edit the payload, e.g. data.status=approved or data.matchScore=0.5 (repeatable)', collect)
    .option('--header <"Name: value">', 'extra header, e.g. "Authorization: Bearer abc" (repeatable)', collect)
    .option('--ca <file>', "also trust this CA certificate (PEM) for the target; the Workbench's local CA is always trusted")
    .option('--insecure', 'do not verify the TLS certificate of the target')
    .option('--json', 'one JSON line per delivery: messageId, deliveryId, status, responseCode, signature, ...')
    .action((event: string, opts: SendOptions, command: Command) => runSend(event, opts, command))
}
