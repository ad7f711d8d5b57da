/**
 * Compose opens while the engine is still answering: a target mode the user picks in that
 * moment ("A URL") must survive the end of open(). A real engine (temporary SQLite) behind
 * the real dispatcher; only the transport holds endpoints.list back until the test lets it go.
 */
import { describe, expect, it, vi } from 'vitest'
import { useStoreWithEngine, useWorkbench } from './store-with-engine'

let holdEndpoints: Promise<void> = Promise.resolve()
useStoreWithEngine({ beforeCall: (method) => (method === 'endpoints.list' ? holdEndpoints : undefined) })

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
