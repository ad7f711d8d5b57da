/**
 * The Health column of the Endpoints list: success rate over the chosen window (red when
 * below the alert threshold), successes/attempts, p50/p95 latency, a small chart, and the
 * last error (its full text on hover).
 */
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import HealthSparkline from './HealthSparkline'
import { formatLatency, formatRate, WINDOW_LABELS } from './health-format'
import './health.css'

export default function HealthCell({ endpointId }: { endpointId: string }) {
  const health = useWorkbench((s) => s.health.report?.endpoints.find((e) => e.endpointId === endpointId))
  const chosenWindow = useWorkbench((s) => s.health.report?.window)
  if (!health || !chosenWindow) return <span className="faint">…</span>
  if (health.attempts === 0) {
    return (
      <span className="faint" data-testid="endpoint-health">
        no attempts in the {WINDOW_LABELS[chosenWindow]}
      </span>
    )
  }
  const tone = health.belowThreshold ? 'bad' : health.successes === health.attempts ? 'ok' : 'warn'
  const label = `${health.successes} of ${health.attempts} attempts succeeded in the ${WINDOW_LABELS[chosenWindow]}`
  return (
    <div className="endpoint-health" data-testid="endpoint-health">
      <div className="health-line">
        <Badge tone={tone} testId="health-rate" title={health.belowThreshold ? 'Below your alert threshold' : undefined}>
          {formatRate(health.successRate)}
        </Badge>
        <span className="health-count" title={label}>
          {health.successes}/{health.attempts}
        </span>
        <HealthSparkline series={health.series} label={label} />
      </div>
      <div className="health-line faint">
        <span data-testid="health-latency" title="Attempt duration: median and 95th percentile">
          p50 {formatLatency(health.p50Ms)} · p95 {formatLatency(health.p95Ms)}
        </span>
      </div>
      {health.lastError ? (
        <a
          className="health-error"
          href={`#/deliveries/${encodeURIComponent(health.lastError.deliveryId)}`}
          title={`${health.lastError.at}: ${health.lastError.message}`}
          data-testid="health-last-error"
        >
          {health.lastError.message}
        </a>
      ) : null}
    </div>
  )
}
