/**
 * `kyc-hooks replay CAPTURE_ID --to URL`: send a captured request again, byte for byte
 * with its original signature and headers, or re-signed with `--resign`. One attempt, as
 * with `send`; exit 0 on a 2xx answer, 1 otherwise.
 */
import type { Command } from 'commander'
import { badInput } from '../../shared/errors'
import { printSendOutcome } from '../delivery-report'
import { EXIT_NEGATIVE } from '../errors'
import { setExitCode, withContract } from '../options'
import { parseHttpUrl } from '../parse'

interface ReplayOptions {
  to: string
  resign?: boolean
  secret?: string
  insecure?: boolean
  json?: boolean
}

async function runReplay(id: string, opts: ReplayOptions, command: Command): Promise<void> {
  const url = parseHttpUrl('--to', opts.to)
  if (opts.secret !== undefined && !opts.resign) {
    throw badInput('--secret is only used with --resign: add --resign to sign the body again, or drop --secret to replay as-is')
  }
  await withContract(command, async (call) => {
    const result = await call('replay.capture', {
      id,
      url,
      mode: opts.resign ? 'resign' : 'as-is',
      secret: opts.secret,
      insecureTls: opts.insecure === true
    })
    if (!printSendOutcome(result, opts.json === true)) setExitCode(EXIT_NEGATIVE)
  })
}

/** Registers `replay`. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('send a captured request again, as-is (same bytes, same signature) or re-signed')
    .argument('<CAPTURE_ID>', 'a capture id from `kyc-hooks captures`')
    .requiredOption('--to <url>', 'where to send it, e.g. http://127.0.0.1:3000/webhooks')
    .option('--resign', 'compute a fresh signature (with --secret, or the stored API secret)')
    .option('--secret <secret>', 'the secret to re-sign with (needs --resign)')
    .option('--insecure', 'do not verify the TLS certificate of the target')
    .option('--json', 'one JSON line per delivery: messageId, deliveryId, status, responseCode, signature, ...')
    .action((id: string, opts: ReplayOptions, command: Command) => runReplay(id, opts, command))
}
