/**
 * 1 h / 24 h / 7 d: the window the Health column counts attempts over. Mounting it loads
 * the report, so the Endpoints screen needs only this one element to show health.
 */
import { useEffect } from 'react'
import { HEALTH_WINDOWS } from '../../../../shared/health-models'
import { useWorkbench } from '../../store'
import './health.css'

const LABELS = { '1h': '1 h', '24h': '24 h', '7d': '7 d' } as const

export default function HealthWindowPicker() {
  const chosenWindow = useWorkbench((s) => s.health.window)

  useEffect(() => {
    void useWorkbench.getState().health.load()
  }, [])

  return (
    <fieldset className="health-window" data-testid="health-window">
      <legend className="sr-only">Health window</legend>
      <span className="health-window-label" aria-hidden="true">
        Health over
      </span>
      {HEALTH_WINDOWS.map((w) => (
        <label key={w} className={w === chosenWindow ? 'health-window-option health-window-on' : 'health-window-option'}>
          <input type="radio" name="health-window" value={w} checked={w === chosenWindow} onChange={() => void useWorkbench.getState().health.load(w)} />
          {LABELS[w]}
        </label>
      ))}
    </fieldset>
  )
}
