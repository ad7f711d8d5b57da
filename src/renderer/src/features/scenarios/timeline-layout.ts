/**
 * Where each mark of a run's timeline goes: one lane per target, deliveries placed on a
 * shared time axis by when their first attempt started, the steps on their own lane at the
 * top. Pure, so the drawing stays dumb.
 */
import type { TimelineEntry } from '../../../../shared/scenario-models'

export interface Mark {
  key: string
  x: number
  lane: number
  label: string
  title: string
  kind: 'step' | 'ok' | 'bad' | 'duplicate' | 'late'
}

export interface Layout {
  lanes: string[]
  marks: Mark[]
  ticks: Array<{ x: number; label: string }>
  width: number
  height: number
}

export const LANE_H = 44
export const LEFT = 200
export const TOP = 24

function tickStep(totalMs: number): number {
  for (const step of [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000]) if (totalMs / step <= 8) return step
  return 300_000
}

export function formatMs(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

export function layoutTimeline(entries: TimelineEntry[], width: number): Layout {
  const lanes = ['steps']
  for (const e of entries) if (e.kind === 'delivery' && !lanes.includes(e.target)) lanes.push(e.target)
  const total = Math.max(1, ...entries.map((e) => e.actualMs))
  const plot = Math.max(100, width - LEFT - 24)
  const xOf = (ms: number): number => LEFT + (ms / total) * plot
  const marks: Mark[] = entries.map((e, i) => {
    if (e.kind === 'step') {
      return { key: `s${i}`, x: xOf(e.actualMs), lane: 0, label: String(e.index + 1), title: `${formatMs(e.actualMs)} step ${e.index + 1} ${e.op}: ${e.error ?? e.events.join(', ')}`, kind: 'step' }
    }
    const kind: Mark['kind'] = e.chaos.includes('duplicate') ? 'duplicate' : e.chaos.includes('late') ? 'late' : e.status === 'success' ? 'ok' : 'bad'
    const marksText = e.chaos.length ? ` [${e.chaos.join(', ')}]` : ''
    return {
      key: `d${i}`,
      x: xOf(e.actualMs),
      lane: lanes.indexOf(e.target),
      label: e.event,
      title: `${formatMs(e.actualMs)} ${e.event}${marksText} → ${e.status} ${e.responseCode ?? e.error ?? ''} (planned ${formatMs(e.plannedMs)})`,
      kind
    }
  })
  const step = tickStep(total)
  const ticks: Layout['ticks'] = []
  for (let t = 0; t <= total; t += step) ticks.push({ x: xOf(t), label: formatMs(t) })
  return { lanes, marks, ticks, width, height: TOP + lanes.length * LANE_H + 8 }
}
