/**
 * The `kyc-hooks` entry point (bin/kyc-hooks.mjs runs it through tsx): parse, run one
 * command, then exit with its code after stdout and stderr have drained, so piped output
 * (`show --body > body.bin`, `export | jq`) is never cut short.
 */
import { CommanderError } from 'commander'
import { WorkbenchError } from '../shared/errors'
import { EXIT_USAGE, reportError } from './errors'
import { recordedExitCode } from './options'
import { buildProgram } from './program'

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve()
    stream.write('', () => resolve())
  })
}

async function exit(code: number): Promise<never> {
  await Promise.all([drain(process.stdout), drain(process.stderr)])
  process.exit(code)
}

// A closed pipe (`kyc-hooks captures | head -1`) is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(recordedExitCode())
  process.exit(reportError(new WorkbenchError('io', `cannot write to stdout: ${err.message}`)))
})

// Last line of defence: a bug must still end as one line, never a stack dump.
process.on('uncaughtException', (err) => void exit(reportError(err)))
process.on('unhandledRejection', (err) => void exit(reportError(err)))

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return recordedExitCode()
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0 and have already printed.
      if (err.exitCode === 0) return 0
      // Help shown because no command was given: it has been printed; the call was still wrong.
      if (err.code === 'commander.help' || err.code === 'commander.helpDisplayed') return EXIT_USAGE
    }
    return reportError(err)
  }
}

await exit(await main(process.argv))
