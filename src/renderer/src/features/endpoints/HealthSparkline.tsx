/**
 * A tiny bar chart of an endpoint's attempts over the health window: one bar per bucket,
 * its height the number of attempts, the failed part drawn on top in the "bad" colour. No
 * chart library: a dozen <rect>s. The numbers are in the label, so it reads without colour.
 */
import type { HealthBucket } from '../../../../shared/health-models'

const WIDTH = 96
const HEIGHT = 22
const GAP = 1

export default function HealthSparkline({ series, label }: { series: HealthBucket[]; label: string }) {
  const most = Math.max(1, ...series.map((b) => b.attempts))
  const barW = series.length > 0 ? (WIDTH - GAP * (series.length - 1)) / series.length : WIDTH
  return (
    <svg className="health-sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="health-sparkline">
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="health-axis" />
      {series.map((b, i) => {
        if (b.attempts === 0) return null
        const x = i * (barW + GAP)
        // At least 2px, so a single attempt in a busy window is still visible.
        const h = Math.max(2, (b.attempts / most) * (HEIGHT - 1))
        const failedH = ((b.attempts - b.successes) / b.attempts) * h
        return (
          <g key={b.start}>
            <title>{`${b.start}: ${b.successes}/${b.attempts} succeeded`}</title>
            <rect x={x} y={HEIGHT - 1 - h + failedH} width={barW} height={h - failedH} className="health-bar-ok" />
            {failedH > 0 ? <rect x={x} y={HEIGHT - 1 - h} width={barW} height={failedH} className="health-bar-bad" data-testid="health-bar-failed" /> : null}
          </g>
        )
      })}
    </svg>
  )
}
