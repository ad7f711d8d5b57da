/**
 * The shared `--db FILE` option and the one way commands open the engine. Commands only
 * ever see the Workbench through createWorkbench(), like the desktop app and `serve`.
 */
import type { Command } from 'commander'
import type { Workbench } from '../core/workbench'
import { contractCall, type ContractCall } from './contract-call'
import { intOption } from './parse'

/** Adds the global `--db FILE` option (also read from KYC_HOOKS_DB) to the program. */
export function addDbOption(program: Command): Command {
  return program.option(
    '--db <file>',
    'database file to use (env KYC_HOOKS_DB; default: the per-user data folder shared with the desktop app)'
  )
}

/**
 * `--port` and `--host` of the long-running commands (listen, platform, serve): the same
 * words and range everywhere, loopback unless the user says otherwise.
 */
export function addBindOptions(command: Command, port: { help: string; default: number }): Command {
  return command
    .option('--port <n>', `${port.help} (0 picks a free port)`, intOption('--port', 0, 65535), port.default)
    .option('--host <host>', 'address to bind (keep 127.0.0.1 unless other machines must reach it)', '127.0.0.1')
}

/** The --db value given anywhere on the command line, or undefined (then KYC_HOOKS_DB or the default). */
export function dbOption(command: Command): string | undefined {
  const db = command.optsWithGlobals<{ db?: string }>().db
  return db === undefined || db === '' ? undefined : db
}

/**
 * Opens the Workbench for one command and always closes it. One-shot commands pass
 * background: false so no outbox worker or auto-started listener outlives the command.
 */
export async function withWorkbench<T>(
  command: Command,
  run: (wb: Workbench) => Promise<T>,
  options: { background?: boolean } = {}
): Promise<T> {
  const wb = await openWorkbench(command, options)
  try {
    return await run(wb)
  } finally {
    await wb.close()
  }
}

/**
 * Opens the Workbench for one command, hands it the contract's `call` (the same dispatcher
 * as IPC and HTTP) and always closes it. Commands use this rather than the Workbench itself.
 */
export function withContract<T>(
  command: Command,
  run: (call: ContractCall) => Promise<T>,
  options: { background?: boolean } = {}
): Promise<T> {
  return withWorkbench(command, (wb) => run(contractCall(wb)), options)
}

/** Opens the Workbench for a long-running command (listen); the caller closes it. */
export async function openWorkbench(command: Command, options: { background?: boolean } = {}): Promise<Workbench> {
  // Loaded on demand: sign, verify and events never open the database, so they stay fast
  // and work even where the native SQLite module cannot load.
  const { createWorkbench } = await import('../core/workbench')
  let lastTenth = -1
  return createWorkbench({
    db: dbOption(command),
    background: options.background ?? false,
    // A database from an older version may need its captures indexed once: say how far it is.
    onMigrationProgress: (p) => {
      const tenth = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10)
      if (tenth === lastTenth) return
      lastTenth = tenth
      process.stderr.write(`updating the database (${p.name}): ${p.done} of ${p.total}\n`)
    }
  })
}

let exitCode = 0

/** Records the process exit code for a negative result (invalid signature, failed delivery). */
export function setExitCode(code: number): void {
  exitCode = code
}

/** The exit code recorded by the command that ran. */
export function recordedExitCode(): number {
  return exitCode
}
