/**
 * The CLI's one way to reach the engine: a typed `call(method, input)` over the same
 * dispatcher that Electron IPC and `serve`'s HTTP API use (src/shared/dispatcher.ts), as
 * the renderer's client does. So the CLI accepts exactly what the other faces accept, gets
 * the contract's defaults (nothing like `timeoutMs: 10_000` restated here) and the same
 * error codes and words.
 */
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract'
import { createDispatcher } from '../shared/dispatcher'
import { WorkbenchError, type ErrorCode } from '../shared/errors'
import type { WorkbenchApi } from '../shared/workbench-api'

/** A contract call; rejects with a WorkbenchError carrying the wire error's code, message and details. */
export type ContractCall = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>

/**
 * A `call` over a dispatcher on `target` (the Workbench the command opened).
 *
 * An unexpected throw inside the engine is rethrown as it was, not as the dispatcher's
 * generic `internal` reply: the dispatcher hides the detail from remote callers, but the
 * CLI's caller is the operator on this machine, and errors.ts prints such a bug as one line
 * (with the stack under KYC_HOOKS_DEBUG=1). The dispatcher's log stays quiet for the same
 * reason: stderr holds exactly one line per failure.
 */
export function contractCall(target: WorkbenchApi): ContractCall {
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    // One dispatcher per call (it is a lookup table), so concurrent calls keep their own throw.
    let unexpected: { error: unknown } | null = null
    const dispatcher = createDispatcher(target, {
      log: (message, details) => {
        if (process.env.KYC_HOOKS_DEBUG === '1') process.stderr.write(`${message} ${JSON.stringify(details) ?? ''}\n`)
      },
      onUnexpected: (error) => {
        unexpected = { error }
      }
    })
    const reply = await dispatcher.dispatch(method, input)
    if (reply.ok) return reply.result as MethodOutput<M>
    const thrown = unexpected as { error: unknown } | null
    if (thrown) throw thrown.error
    throw new WorkbenchError(reply.error.code as ErrorCode, reply.error.message, reply.error.details)
  }
}

type CatalogMethod = Extract<MethodName, `catalog.${string}`>

/**
 * A `call` limited to the `catalog.*` methods, over the catalog service alone: `events` and
 * `send` read templates and schemas without opening the database, so they stay fast and
 * fail fast. (sign and verify stay on core's pure functions: they work on exact bytes,
 * which the contract's UTF-8 `body: string` cannot carry.)
 */
export async function catalogCall<M extends CatalogMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  // Loaded on demand: compiling the schemas is the slowest part of starting the CLI.
  const { createCatalogService } = await import('../core/catalog')
  // The other namespaces are absent on purpose; calling one would be a CLI bug, reported as `internal`.
  const catalogOnly = { catalog: createCatalogService() } as unknown as WorkbenchApi
  return contractCall(catalogOnly)(method, input)
}
