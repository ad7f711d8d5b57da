/**
 * `kyc-hooks credentials create|show|rotate`: the mock platform's API key and secret.
 * Like Smart KYC, the secret is shown once, when it is created or rotated.
 */
import type { Command } from 'commander'
import type { Credentials } from '../../shared/models'
import { readableUtc } from '../../shared/readable-times'
import { withContract } from '../options'
import { intOption } from '../parse'
import { printJson, printLine, printNote } from '../output'

function printCredentials(c: Credentials, json: boolean | undefined): void {
  if (json) return printJson(c)
  printLine(`API key     ${c.apiKey}`)
  if (c.secret) {
    printLine(`API secret  ${c.secret}`)
    printNote('Store the secret now: it will not be shown again (rotate to get a new one).')
  } else {
    printLine(`API secret  ${c.secretMasked} (shown only once; rotate if lost)`)
  }
  printLine(`created     ${c.createdAt}`)
  for (const p of c.previous) printLine(`previous    ${p.masked}  retired ${readableUtc(p.retiredAt)}, verifies until ${readableUtc(p.validUntil)}`)
}

/** Registers `credentials` and its subcommands. */
export function registerCredentials(program: Command): void {
  const credentials = program.command('credentials').description('the API key and secret the mock Smart KYC signs with')

  credentials
    .command('create')
    .description('create the API key and secret (the secret is printed once)')
    .option('--json', 'print as JSON (includes the secret)')
    .action(async (opts: { json?: boolean }, command: Command) => {
      printCredentials(await withContract(command, (call) => call('credentials.create', {})), opts.json)
    })

  credentials
    .command('show')
    .description('show the API key and the masked secret')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const c = await withContract(command, (call) => call('credentials.get', {}))
      if (!c) {
        if (opts.json) return printJson(null)
        return printNote('no credentials yet: create them with `kyc-hooks credentials create`')
      }
      printCredentials(c, opts.json)
    })

  credentials
    .command('rotate')
    .description('replace the secret; the previous one still verifies during the grace period')
    .option('--grace-hours <h>', 'hours the previous secret keeps verifying (default 24)', intOption('--grace-hours', 0, 720), 24)
    .option('--new-api-key', 'also replace the API key; the old key still calls the mock platform API during the grace period')
    .option('--json', 'print as JSON (includes the new secret)')
    .action(async (opts: { graceHours: number; newApiKey?: boolean; json?: boolean }, command: Command) => {
      const input = { graceHours: opts.graceHours, newApiKey: opts.newApiKey === true }
      printCredentials(await withContract(command, (call) => call('credentials.rotate', input)), opts.json)
    })
}
