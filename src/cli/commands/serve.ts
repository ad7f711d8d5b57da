/**
 * `kyc-hooks serve`: the Workbench UI in a browser. It opens the same data file as the
 * desktop app and the other commands, runs the engine in the background (outbox retries,
 * auto-start listeners) and serves the UI plus the contract on a token-protected loopback
 * port until Ctrl+C.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { Workbench, WorkbenchOptions } from '../../core/workbench'
import { defaultRendererDir, startServer, type RunningServer } from '../../server/index'
import { NOT_BUILT_MESSAGE } from '../../server/static-files'
import { addBindOptions, dbOption } from '../options'
import { printLine, printNote } from '../output'
import { runUntilStopped } from '../stop-signal'

export interface ServeOptions {
  /** Database file (else KYC_HOOKS_DB or the per-user data folder). */
  db?: string
  /** Data folder for the CA (defaults to the database's folder). */
  dataDir?: string
  port?: number
  host?: string
  /** Fixed token (tests); random per run otherwise. */
  token?: string
  /** Built renderer folder; defaults to KYC_HOOKS_UI_DIR, else out/renderer of this checkout. */
  rendererDir?: string
}

/** A running `serve`: the server plus the Workbench it owns. `close()` stops both. */
export interface ServeHandle extends RunningServer {
  workbench: Workbench
}

/**
 * Opens the Workbench and serves it: what `kyc-hooks serve` does before it waits for a
 * signal, for tests and scripts. Throws WorkbenchError('port-in-use') when the port is taken.
 */
export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const { createWorkbench } = await import('../../core/workbench')
  const wbOptions: WorkbenchOptions = { db: options.db, dataDir: options.dataDir, transport: 'web', background: true }
  const workbench = await createWorkbench(wbOptions)
  let server: RunningServer
  try {
    server = await startServer({
      workbench,
      host: options.host,
      port: options.port,
      token: options.token,
      // An env override lets packagers (and parallel test runs) point at another build.
      rendererDir: options.rendererDir ?? (process.env.KYC_HOOKS_UI_DIR || undefined)
    })
  } catch (err) {
    await workbench.close()
    throw err
  }
  let closing: Promise<void> | null = null
  return {
    ...server,
    workbench,
    close() {
      closing ??= server.close().finally(() => workbench.close())
      return closing
    }
  }
}

// Hand-written, not the `open` package: on Windows it pastes the URL into a PowerShell command ("Start \"<url>\""), a shell.
/**
 * Opens `url` in the system browser. The URL is passed as one argument to a program, never
 * through a shell, so nothing in it is interpreted. Failure only prints a note.
 */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  // `start` is a cmd.exe builtin (a shell); rundll32's URL handler opens the default browser without one.
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['rundll32.exe', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore', shell: false })
    child.on('error', (err) => printNote(`could not open a browser with ${cmd} (${err.message}): open the URL above yourself`))
    child.unref()
  } catch (err) {
    printNote(`could not open a browser with ${cmd} (${(err as Error).message}): open the URL above yourself`)
  }
}

interface ServeFlags {
  port: number
  host: string
  open?: boolean
}

async function runServe(flags: ServeFlags, command: Command): Promise<void> {
  await runUntilStopped({
    open: () => startServe({ db: dbOption(command), port: flags.port, host: flags.host }),
    async run(handle) {
      printLine('Smart KYC Webhook Workbench is served at:')
      printLine(`  ${handle.url}`)
      printNote(`Data: ${handle.workbench.dbFile}`)
      printNote('The token in the URL grants full access to your captures: do not share it. Ctrl+C to stop.')
      // Said here too, not only on the page: from a fresh checkout the first thing a user sees
      // should not be a blank tab.
      const uiDir = process.env.KYC_HOOKS_UI_DIR || defaultRendererDir()
      if (!fs.existsSync(path.join(uiDir, 'index.html'))) printNote(`Warning: ${NOT_BUILT_MESSAGE}`)
      if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1') {
        printNote(`Warning: bound to ${flags.host}, so other machines can reach this port (they still need the token).`)
      }
      if (flags.open) openInBrowser(handle.url)
    },
    stopping: 'Stopping…',
    close: (handle) => handle.close()
  })
}

/** Registers `serve`. */
export function registerServe(program: Command): void {
  const serveCommand = program
    .command('serve')
    .description('serve the Workbench UI in your browser (token-protected, on 127.0.0.1)')
  addBindOptions(serveCommand, { help: 'port for the UI', default: 4000 })
    .option('--open', 'open the UI in the system browser')
    .addHelpText('after', '\nThe UI comes from out/renderer: run `npm run build` once after checking out or updating.')
    .action((flags: ServeFlags, command: Command) => runServe(flags, command))
}
