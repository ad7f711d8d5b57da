/**
 * The toast area: errors stay until dismissed, the rest fade by themselves. Messages are
 * text nodes only (an error may quote captured data).
 */
import { useWorkbench } from '../store'

export default function Toasts() {
  const toasts = useWorkbench((s) => s.app.toasts)
  const dismiss = useWorkbench((s) => s.app.dismissToast)
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
          <span className="toast-text">{t.text}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
