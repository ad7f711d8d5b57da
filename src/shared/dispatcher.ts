/**
 * The one dispatcher every transport uses (Electron IPC in src/main, HTTP in src/server):
 * it looks a method name up in the contract, parses the raw input with the method's zod
 * schema, calls `workbench[ns][verb]` and turns whatever happens into a BridgeReply.
 * Because both transports go through here, they cannot drift in what they accept.
 *
 * Outputs are validated too, always (not only in development): our payloads are small
 * enough that the parse costs little, and a mismatch is a bug we want to see as a clear
 * `internal` error instead of a renderer that breaks somewhere far away. Parsing also
 * strips fields the contract does not declare, so internal columns never leak to the UI.
 *
 * No node:* imports: the renderer may import this file's types.
 */
import type { z } from 'zod'
import type { BridgeReply } from './bridge'
import { methods, type MethodName } from './contract'
import type { WorkbenchApi } from './workbench-api'
import { describeIssues } from './describe-issues'

/** A zod issue reduced to JSON-safe data (paths may hold symbols; nested unions hold issues). */
export interface WireIssue {
  code: string
  path: (string | number)[]
  message: string
  [extra: string]: unknown
}

export interface Dispatcher {
  /** Runs one contract call; never throws, never rejects: every failure is `{ ok: false }`. */
  dispatch(method: string, rawInput: unknown): Promise<BridgeReply<unknown>>
  /** Every method name the contract declares, for transports that register one handler each. */
  methods: MethodName[]
}

export interface DispatcherOptions {
  /** Where contract violations by the engine (bad outputs, unexpected throws) are reported. */
  log?: (message: string, details?: unknown) => void
  /**
   * Sees whatever a method threw that is not a WorkbenchError, before it becomes the generic
   * `internal` reply. The CLI uses it: its caller is the operator on this machine, not a remote page.
   */
  onUnexpected?: (err: unknown) => void
}

type AnyService = Record<string, ((input: unknown) => Promise<unknown>) | undefined>

const METHOD_NAMES = Object.keys(methods) as MethodName[]

/** True for names the contract declares; guards against `__proto__`, `toString` and friends. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name)
}

/** Builds the dispatcher over a Workbench (or anything implementing the contract's namespaces). */
export function createDispatcher(workbench: WorkbenchApi, options: DispatcherOptions = {}): Dispatcher {
  const log = options.log ?? ((message: string, details?: unknown) => console.error(message, details ?? ''))

  async function dispatch(method: string, rawInput: unknown): Promise<BridgeReply<unknown>> {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return fail('bad-input', `unknown method ${JSON.stringify(String(method))}: see src/shared/contract.ts for the methods there are`)
    }
    const spec = methods[method]

    // A call without input means "no options"; every method's input is an object.
    const parsedInput = (spec.input as z.ZodType).safeParse(rawInput === undefined || rawInput === null ? {} : rawInput)
    if (!parsedInput.success) {
      const issues = toWireIssues(parsedInput.error.issues)
      return fail('bad-input', `invalid input for "${method}": ${describeIssues(issues)}`, issues)
    }

    const [ns, verb] = splitMethod(method)
    const service = (workbench as unknown as Record<string, AnyService | undefined>)[ns]
    const fn = service && Object.prototype.hasOwnProperty.call(service, verb) ? service[verb] : undefined
    if (typeof fn !== 'function') {
      log(`dispatcher: the Workbench does not implement "${method}"`)
      return fail('internal', `this Workbench has no handler for "${method}" (a Workbench bug)`)
    }

    let result: unknown
    try {
      result = await fn.call(service, parsedInput.data)
    } catch (err) {
      if (!isWorkbenchErrorLike(err)) options.onUnexpected?.(err)
      return errorReply(method, err, log)
    }

    const parsedOutput = (spec.output as z.ZodType).safeParse(result)
    if (!parsedOutput.success) {
      const issues = toWireIssues(parsedOutput.error.issues)
      log(`dispatcher: "${method}" returned a result that breaks the contract`, issues)
      return fail('internal', `"${method}" returned an invalid result (a Workbench bug): ${describeIssues(issues)}`, issues)
    }
    return { ok: true, result: parsedOutput.data }
  }

  return { dispatch, methods: [...METHOD_NAMES] }
}

function splitMethod(method: MethodName): [string, string] {
  const dot = method.indexOf('.')
  return [method.slice(0, dot), method.slice(dot + 1)]
}

function fail(code: string, message: string, details?: unknown): BridgeReply<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } }
}

/**
 * WorkbenchError is recognised by shape as well as by class: the Electron main bundle and
 * tsx can load errors.ts twice, and `instanceof` fails across two copies of a class.
 */
function errorReply(method: string, err: unknown, log: NonNullable<DispatcherOptions['log']>): BridgeReply<never> {
  if (isWorkbenchErrorLike(err)) return fail(err.code, err.message, jsonSafe(err.details))
  log(`dispatcher: "${method}" threw an unexpected error`, err)
  // The detail (a stack overflow, a SQLite message) goes to the log, never to the caller: a
  // 5xx body is read by whoever sent the request, and internal text helps only an attacker.
  return fail('internal', `"${method}" failed unexpectedly (a Workbench bug); the details are in the Workbench's log`)
}

function isWorkbenchErrorLike(err: unknown): err is { code: string; message: string; details?: unknown } {
  return (
    err instanceof Error &&
    err.name === 'WorkbenchError' &&
    typeof (err as { code?: unknown }).code === 'string' &&
    typeof err.message === 'string'
  )
}

/** Details must survive JSON (HTTP) and structured clone (IPC); anything else is dropped. */
function jsonSafe(details: unknown): unknown {
  if (details === undefined) return undefined
  try {
    return JSON.parse(JSON.stringify(details)) as unknown
  } catch {
    return undefined
  }
}

function toWireIssues(issues: readonly z.core.$ZodIssue[]): WireIssue[] {
  return issues.map((issue) => {
    const { path, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown }
    const wire = jsonSafe(rest) as Record<string, unknown> | undefined
    return {
      ...(wire ?? {}),
      code: String(issue.code),
      path: path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message
    } as WireIssue
  })
}
