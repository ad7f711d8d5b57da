/**
 * Every failure ends the CLI the same way: ONE line on stderr, `kyc-hooks: <message>`,
 * exit code 2, no stack trace (scripts parse the line; people read it). Set
 * KYC_HOOKS_DEBUG=1 to also get the stack when reporting a bug.
 */
import { CommanderError } from 'commander'
import { describeIssues, type IssueLike } from '../shared/describe-issues'
import { WorkbenchError, messageOf } from '../shared/errors'
import { safeLine } from './output'

/** Exit code for anything the user can fix (bad flag, bad value, port in use, unknown id...). */
export const EXIT_USAGE = 2
/** Exit code for a negative answer that is not an error: an invalid signature, a non-2xx delivery. */
export const EXIT_NEGATIVE = 1

function isZodError(err: unknown): err is { issues: IssueLike[] } {
  return typeof err === 'object' && err !== null && Array.isArray((err as { issues?: unknown }).issues)
}

function commanderMessage(err: CommanderError): string {
  // Commander prefixes "error: " and sometimes adds a hint on a second line; keep one line.
  const text = err.message.replace(/^error:\s*/i, '').split('\n')[0]
  return `${text} (see kyc-hooks --help)`
}

/** The one-line message for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof WorkbenchError) return err.message
  if (err instanceof CommanderError) return commanderMessage(err)
  if (isZodError(err)) {
    return describeIssues(err.issues)
  }
  return `unexpected error: ${messageOf(err)} (set KYC_HOOKS_DEBUG=1 to see the stack and report it)`
}

/** Prints the error as one terminal-safe line on stderr and returns the exit code to use. */
export function reportError(err: unknown): number {
  const line = safeLine(describeError(err).replace(/\s*\n\s*/g, ' '))
  process.stderr.write(`kyc-hooks: ${line}\n`)
  if (process.env.KYC_HOOKS_DEBUG === '1' && err instanceof Error && err.stack) {
    process.stderr.write(err.stack + '\n')
  }
  return EXIT_USAGE
}
