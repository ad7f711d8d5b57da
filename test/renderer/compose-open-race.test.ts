/**
 * Compose opens while the engine is still answering: a target mode the user picks in that
 * moment ("A URL") must survive the end of open(). A real engine (temporary SQLite) behind
 * the real dispatcher; only the transport holds endpoints.list back until the test lets it go.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WorkbenchBridge } from '../../src/shared/bridge'

interface Engine {
  bridge: WorkbenchBridge
  close(): Promise<void>
}

// Node-typed support code, loaded by a computed specifier (as in store-b-flows.test.ts).
const SUPPORT = '../renderer-support/in-process-engine'
async function startEngine(): Promise<Engine> {
  const mod = (await import(/* @vite-ignore */ SUPPORT)) as { startInProcessEngine(): Promise<Engine> }
  return mod.startInProcessEngine()
}

let engine: Engine
let holdEndpoints: Promise<void> = Promise.resolve()
const forwarding: WorkbenchBridge = {
  call: async (method, input) => {
    if (method === 'endpoints.list') await holdEndpoints
    return engine.bridge.call(method, input)
  },
  subscribe: (event, handler) => engine.bridge.subscribe(event, handler)
}

type Store = typeof import('../../src/renderer/src/store')['useWorkbench']
let useWorkbench: Store

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

describe('compose.open', () => {
  it('keeps the target mode the user picked while it was still loading the endpoints', async () => {
    let release!: () => void
    holdEndpoints = new Promise((resolve) => (release = resolve))
    const s = () => useWorkbench.getState()

    const opening = s().compose.open(null)
    await vi.waitFor(() => expect(s().compose.catalogLoaded).toBe(true), { timeout: 30_000, interval: 10 })
    s().compose.setTargetMode('url')
    release()
    await opening

    expect(s().compose.selectionReady).toBe(true)
    expect(s().compose.targetMode).toBe('url')
  })

  it('still starts on the saved endpoints when the user picked nothing', async () => {
    holdEndpoints = Promise.resolve()
    await useWorkbench.getState().compose.open(null)
    expect(useWorkbench.getState().compose.targetMode).toBe('endpoints')
  })
})
