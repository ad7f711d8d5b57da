/**
 * Builds the `kyc-hooks` command tree. Commander is told never to exit or print errors
 * itself: index.ts owns the exit code and errors.ts the one-line error format.
 */
import { Command } from 'commander'
import { WORKBENCH_VERSION } from '../core/version'
import { addDbOption } from './options'
import { registerAudit } from './commands/audit'
import { registerCa } from './commands/ca'
import { registerCaptures } from './commands/captures'
import { registerCredentials } from './commands/credentials'
import { registerDeliveries } from './commands/deliveries'
import { registerEndpoints } from './commands/endpoints'
import { registerEvents } from './commands/events'
import { registerExchange } from './commands/exchange'
import { registerListen } from './commands/listen'
import { registerPlatform } from './commands/platform'
import { registerReplay } from './commands/replay'
import { registerScenario } from './commands/scenario'
import { registerSend } from './commands/send'
import { registerServe } from './commands/serve'
import { registerShow } from './commands/show'
import { registerStoreUpkeep } from './commands/store-upkeep'
import { registerSign } from './commands/sign'
import { registerVerify } from './commands/verify'

/** The whole CLI, ready for parseAsync. */
export function buildProgram(): Command {
  const program = new Command('kyc-hooks')
  program
    .description('Smart KYC Webhook Workbench: capture, verify, send and replay Smart KYC webhooks locally')
    .version(WORKBENCH_VERSION, '-V, --version', 'print the version')
    // Set before any subcommand exists: commander copies these settings into each one.
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
  addDbOption(program)

  registerListen(program)
  registerSend(program)
  registerSign(program)
  registerVerify(program)
  registerEvents(program)
  registerCaptures(program)
  registerShow(program)
  registerReplay(program)
  registerDeliveries(program)
  registerEndpoints(program)
  registerCredentials(program)
  registerCa(program)
  registerExchange(program)
  registerServe(program)
  registerPlatform(program)
  registerAudit(program)
  registerStoreUpkeep(program)
  registerScenario(program)
  return program
}
