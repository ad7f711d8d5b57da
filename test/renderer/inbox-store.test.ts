import { beforeEach, describe, expect, it } from 'vitest'
import { captureSummary } from './fixtures'
import { useWorkbench } from '../../src/renderer/src/store'
import { EMPTY_FILTERS } from '../../src/renderer/src/store/inbox-logic'
import { emptyQueue, enqueue } from '../../src/renderer/src/store/live-queue'

const capture = captureSummary

const initial = useWorkbench.getState()

function setInbox(patch: Partial<ReturnType<typeof useWorkbench.getState>['inbox']>) {
  useWorkbench.setState((s) => ({ inbox: { ...s.inbox, ...patch } }))
}

describe('inbox slice: live updates', () => {
  beforeEach(() => {
    useWorkbench.setState(initial, true)
    setInbox({ loaded: true, items: [capture(2), capture(1)], total: 2, filters: EMPTY_FILTERS })
  })

  it('applies a burst of 1000 live captures in one store update', () => {
    const q = emptyQueue()
    for (let i = 3; i < 1003; i++) enqueue(q, 'capture.received', capture(i))
    let updates = 0
    const unsubscribe = useWorkbench.subscribe(() => updates++)
    useWorkbench.getState().inbox.applyLive(q.captures, q.deletions)
    unsubscribe()
    const s = useWorkbench.getState().inbox
    expect(updates).toBe(1)
    expect(s.items).toHaveLength(1002)
    expect(s.items[0].seq).toBe(1002)
    expect(s.total).toBe(1002)
  })

  it('counts captures a search may match instead of guessing', () => {
    setInbox({ filters: { ...EMPTY_FILTERS, q: 'sub_1' } })
    useWorkbench.getState().inbox.applyLive([capture(3), capture(4)], [])
    const s = useWorkbench.getState().inbox
    expect(s.items.map((c) => c.seq)).toEqual([2, 1])
    expect(s.pendingMatches).toBe(2)
  })

  it('removes deleted captures from the list, the ticks and the open detail', () => {
    setInbox({ checked: ['cap_1', 'cap_2'], selectedId: 'cap_1' })
    useWorkbench.getState().inbox.applyLive([], [{ ids: ['cap_1'], all: false }])
    const s = useWorkbench.getState().inbox
    expect(s.items.map((c) => c.id)).toEqual(['cap_2'])
    expect(s.total).toBe(1)
    expect(s.checked).toEqual(['cap_2'])
    expect(s.detailError).toBe('This capture was deleted.')
  })

  it('replaces a capture that changed after arrival (its forward finished)', () => {
    useWorkbench.getState().inbox.applyUpdates([capture(1, { responseStatus: 502 })])
    expect(useWorkbench.getState().inbox.items.find((c) => c.id === 'cap_1')?.responseStatus).toBe(502)
  })

  it('ignores live captures until the inbox has loaded once (the first load brings them)', () => {
    setInbox({ loaded: false, items: [], total: 0 })
    useWorkbench.getState().inbox.applyLive([capture(3)], [])
    expect(useWorkbench.getState().inbox.items).toEqual([])
  })
})

describe('listeners slice: pushed states', () => {
  it('updates only the listener whose state changed', () => {
    const base = { name: 'L', host: '127.0.0.1', port: 0, protocol: 'https' as const, secrets: [], useApiSecret: true, forwardTo: null, bodyLimitBytes: 1, autoStart: false, createdAt: '', updatedAt: '' }
    const rule = { status: 200, headers: [], body: '', delayMs: 0, failFirst: 0, failureRate: 0, failureStatus: 500, mode: 'reply' as const }
    const a = { ...base, id: 'a', rule, state: { id: 'a', status: 'stopped' as const, url: null, error: null } }
    const b = { ...base, id: 'b', rule, state: { id: 'b', status: 'stopped' as const, url: null, error: null } }
    useWorkbench.setState((s) => ({ listeners: { ...s.listeners, items: [a, b] } }))
    useWorkbench.getState().listeners.applyStates([{ id: 'b', status: 'error', url: null, error: 'port 8443 is in use' }])
    const items = useWorkbench.getState().listeners.items
    expect(items[0]).toBe(a)
    expect(items[1].state).toEqual({ id: 'b', status: 'error', url: null, error: 'port 8443 is in use' })
  })
})

describe('inbox slice: clearing everything', () => {
  it('empties the list, the ticks and the open detail on a "deleted all" event', () => {
    useWorkbench.setState(initial, true)
    setInbox({ loaded: true, items: [capture(2), capture(1)], total: 2, checked: ['cap_1'], selectedId: 'cap_2' })
    useWorkbench.getState().inbox.applyLive([], [{ ids: [], all: true }])
    const s = useWorkbench.getState().inbox
    expect(s.items).toEqual([])
    expect(s.total).toBe(0)
    expect(s.checked).toEqual([])
    expect(s.detailError).toBe('This capture was deleted.')
  })
})
