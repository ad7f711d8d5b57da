/**
 * The delivery health alert in the page: shown on every screen while an endpoint's success
 * rate is below the user's threshold (the desktop app also shows a notification). It lists
 * each endpoint with its rate, links to Endpoints, and can be dismissed until the next fall.
 */
import { useWorkbench } from '../store'
import Button from '../ui/Button'
import { formatRate, WINDOW_LABELS } from '../features/endpoints/health-format'
import { navigate } from './router'
import './health-banner.css'

export default function HealthBanner() {
  const alerts = useWorkbench((s) => s.health.alerts)
  const dismissed = useWorkbench((s) => s.health.bannerDismissed)
  if (alerts.length === 0 || dismissed) return null
  return (
    <div className="health-banner" role="alert" data-testid="health-banner">
      <div className="health-banner-text">
        <strong>Webhook success rate below your threshold</strong>
        <ul>
          {alerts.map((a) => (
            <li key={a.endpointId} data-testid="health-banner-item">
              {a.endpointName}: {formatRate(a.successRate)} of {a.attempts} attempt{a.attempts === 1 ? '' : 's'} succeeded in the{' '}
              {WINDOW_LABELS[a.window]} (threshold {a.thresholdPercent}%){a.lastError ? <span className="health-banner-error"> · last error: {a.lastError}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="health-banner-actions">
        <Button size="sm" onClick={() => navigate('endpoints')} testId="health-banner-open">
          Open Endpoints
        </Button>
        <Button size="sm" variant="ghost" onClick={() => useWorkbench.getState().health.dismissBanner()} testId="health-banner-dismiss">
          Dismiss
        </Button>
      </div>
    </div>
  )
}
