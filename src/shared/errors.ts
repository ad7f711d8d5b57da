/**
 * Errors a user can act on. Every failure that crosses a boundary (contract, CLI) is a
 * WorkbenchError with a stable code and a message that names the value and what to do.
 */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'conflict'
  | 'port-in-use'
  | 'io'
  | 'newer-schema'
  | 'unauthorized'
  | 'internal'

export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }
}

export function badInput(message: string, details?: unknown): WorkbenchError {
  return new WorkbenchError('bad-input', message, details)
}

export function notFound(what: string, id: string): WorkbenchError {
  return new WorkbenchError('not-found', `${what} ${JSON.stringify(id)} does not exist: list them to see the ids that do`)
}

/** The words of any thrown value, for logs and wire errors. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
