/**
 * `kyc-hooks ca path|export`: the local CA that issues the listeners' certificates, so a
 * user can trust it in their app (NODE_EXTRA_CA_CERTS, curl --cacert) or system store.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { writeFileChecked } from '../input'
import { withContract } from '../options'
import { printLine, printNote, writeBytes } from '../output'

/** Registers `ca` and its subcommands. */
export function registerCa(program: Command): void {
  const ca = program.command('ca').description("the Workbench's local certificate authority (HTTPS listeners)")

  ca.command('path')
    .description('print the path of the CA certificate (created on first use)')
    .action(async (_opts: unknown, command: Command) => {
      const info = await withContract(command, (call) => call('tls.ca', {}))
      printLine(info.path)
    })

  ca.command('export')
    .description('write the CA certificate (PEM) to stdout or a file')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }, command: Command) => {
      const info = await withContract(command, (call) => call('tls.ca', {}))
      if (opts.out === undefined) return writeBytes(info.pem)
      await writeFileChecked(opts.out, info.pem)
      printNote(`wrote ${path.resolve(opts.out)} (SHA-256 fingerprint ${info.fingerprint256})`)
    })
}
