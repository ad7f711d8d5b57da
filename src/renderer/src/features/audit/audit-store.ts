/**
 * The "Check a handler" screen's state: its own small zustand store (the audit touches no
 * other slice). Calls to the engine live in these actions; components only select.
 */
import { create } from 'zustand'
import type { AuditCheckResult, AuditReport, AuditRequest, AuditRunSummary } from '../../../../shared/audit-models'
import { call, subscribe } from '../../api/client'
import { errorMessage } from '../../store/errors'

export interface AuditState {
  running: boolean
  /** Checks finished so far in the run under way, in the order they finished. */
  progress: AuditCheckResult[]
  total: number
  report: AuditReport | null
  runs: AuditRunSummary[]
  error: string | null
  run(input: AuditRequest): Promise<void>
  loadRuns(): Promise<void>
  open(id: string): Promise<void>
}

export const useAudit = create<AuditState>((set, get) => ({
  running: false,
  progress: [],
  total: 0,
  report: null,
  runs: [],
  error: null,

  async run(input) {
    if (get().running) return
    set({ running: true, progress: [], total: 0, report: null, error: null })
    // One run at a time from this screen: the first `started` after the click is ours.
    let runId: string | null = null
    const off = subscribe('audit.progress', (p) => {
      if (p.phase === 'started' && runId === null) runId = p.runId
      if (p.runId !== runId) return
      if (p.phase === 'started') set({ total: p.total })
      if (p.phase === 'check' && p.check) set((s) => ({ progress: [...s.progress, p.check!], total: p.total }))
    })
    try {
      const report = await call('audit.run', input)
      set({ report })
      await get().loadRuns()
    } catch (err) {
      set({ error: errorMessage(err) })
    } finally {
      off()
      set({ running: false })
    }
  },

  async loadRuns() {
    try {
      set({ runs: await call('audit.list', { limit: 20 }) })
    } catch (err) {
      set({ error: errorMessage(err) })
    }
  },

  async open(id) {
    try {
      set({ report: await call('audit.get', { id }), progress: [], error: null })
    } catch (err) {
      set({ error: errorMessage(err) })
    }
  }
}))
