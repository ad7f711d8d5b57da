/**
 * The shared setup of slice tests against a real engine: a Workbench on a temporary SQLite
 * file behind the real dispatcher (what the preload exposes as window.workbench),
 * delivering to a real HTTP server on 127.0.0.1. Each test gets a fresh engine and a
 * fresh store. `engine` and `useWorkbench` are live bindings: read them inside tests.
 */
import { afterEach, beforeAll, beforeEach } from 'vitest'
import type { WorkbenchBridge } from '../../src/shared/bridge'

export interface Engine {
  bridge: WorkbenchBridge
  targetUrl: string
  received: { headers: Record<string, string | string[] | undefined>; body: Uint8Array }[]
  setTargetStatus(status: number): void
  failNextRequests(n: number): void
  close(): Promise<void>
}

type Store = (typeof import('../../src/renderer/src/store'))['useWorkbench']

// Node-typed support code, loaded by a computed specifier so these browser-typed files do
// not pull node:* types into the renderer's type check.
const SUPPORT = '../renderer-support/in-process-engine'
async function startEngine(): Promise<Engine> {
  const mod = (await import(/* @vite-ignore */ SUPPORT)) as { startInProcessEngine(): Promise<Engine> }
  return mod.startInProcessEngine()
}

export let engine: Engine
export let useWorkbench: Store

/** Runs before each call reaches the engine: a test may record it or hold it back. */
export type BeforeCall = (method: string) => void | Promise<void>
let beforeCall: BeforeCall | undefined

// The client caches window.workbench on first use, so it gets a bridge that forwards to
// whichever engine the current test started.
const forwarding: WorkbenchBridge = {
  call: async (method, input) => {
    await beforeCall?.(method)
    return engine.bridge.call(method, input)
  },
  subscribe: (event, handler) => engine.bridge.subscribe(event, handler)
}

/** Registers the hooks: call once at the top of a test file. */
export function useStoreWithEngine(options: { beforeCall?: BeforeCall } = {}): void {
  beforeCall = options.beforeCall
  beforeAll(async () => {
    ;(globalThis as { window?: unknown }).window = { workbench: forwarding }
    useWorkbench = (await import('../../src/renderer/src/store')).useWorkbench
  })
  beforeEach(async () => {
    engine = await startEngine()
    useWorkbench.setState(useWorkbench.getInitialState(), true)
  })
  afterEach(async () => {
    await engine.close()
  })
}
