/**
 * A run's timeline drawn as SVG: the steps on the top lane, each target's deliveries on its
 * own lane, on one time axis. Duplicates and late (dropped, then delivered) events are
 * marked in shape and words, not colour alone; each mark's title gives the detail.
 */
import type { TimelineEntry } from '../../../../shared/scenario-models'
import { LANE_H, LEFT, TOP, layoutTimeline } from './timeline-layout'

const WIDTH = 1000

export default function TimelineChart({ entries }: { entries: TimelineEntry[] }) {
  const layout = layoutTimeline(entries, WIDTH)
  return (
    <svg
      className="scenario-timeline"
      data-testid="scenario-timeline"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={`Timeline: ${entries.filter((e) => e.kind === 'delivery').length} deliveries on ${layout.lanes.length - 1} target(s)`}
    >
      {layout.ticks.map((t) => (
        <g key={t.label}>
          <line className="tl-grid" x1={t.x} x2={t.x} y1={TOP - 6} y2={layout.height - 8} />
          <text className="tl-tick" x={t.x} y={12} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {layout.lanes.map((lane, i) => (
        <g key={lane}>
          <line className="tl-lane" x1={LEFT} x2={layout.width - 16} y1={TOP + i * LANE_H + LANE_H / 2} y2={TOP + i * LANE_H + LANE_H / 2} />
          <text className="tl-lane-label" x={8} y={TOP + i * LANE_H + LANE_H / 2 + 4}>
            {lane.length > 30 ? `${lane.slice(0, 29)}…` : lane}
          </text>
        </g>
      ))}
      {layout.marks.map((m, i) => {
        const y = TOP + m.lane * LANE_H + LANE_H / 2
        // Alternate labels above and below the lane so neighbours do not overlap.
        // Steps are numbered above their lane; hover gives the operation.
        const labelY = m.kind === 'step' ? y - 9 : i % 2 === 0 ? y - 9 : y + 16
        return (
          <g key={m.key} className={`tl-mark tl-${m.kind}`} data-testid={`timeline-mark-${m.kind}`}>
            <title>{m.title}</title>
            {m.kind === 'step' ? (
              <rect x={m.x - 4} y={y - 4} width={8} height={8} />
            ) : m.kind === 'duplicate' ? (
              <path d={`M${m.x} ${y - 6} L${m.x + 6} ${y} L${m.x} ${y + 6} L${m.x - 6} ${y} Z`} />
            ) : m.kind === 'late' ? (
              <path d={`M${m.x} ${y - 6} L${m.x + 6} ${y + 5} L${m.x - 6} ${y + 5} Z`} />
            ) : (
              <circle cx={m.x} cy={y} r={5} />
            )}
            <text className="tl-label" x={m.x} y={labelY} textAnchor="middle">
              {m.kind === 'duplicate' ? `${m.label} (dup)` : m.kind === 'late' ? `${m.label} (late)` : m.label}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
