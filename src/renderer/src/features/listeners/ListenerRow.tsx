/**
 * One listener: name, URL, state in words (with the error when it failed, e.g. a port in
 * use), the response rule at a glance, and its actions.
 */
import type { Listener } from '../../../../shared/models'
import { buildHash } from '../../app/route-parse'
import { useWorkbench } from '../../store'
import { Badge, type Tone } from '../../ui/Badge'
import Button from '../../ui/Button'
import CopyButton from '../../ui/CopyButton'

const STATE: Record<Listener['state']['status'], { text: string; tone: Tone }> = {
  running: { text: 'Running', tone: 'ok' },
  starting: { text: 'Starting…', tone: 'info' },
  stopped: { text: 'Stopped', tone: 'neutral' },
  error: { text: 'Error', tone: 'bad' }
}

function ruleSummary(l: Listener): string {
  const r = l.rule
  const parts: string[] = []
  if (r.mode === 'timeout') parts.push('never answers')
  else if (r.mode === 'reset') parts.push('resets the connection')
  else parts.push(`answers ${r.status}`)
  if (r.delayMs > 0) parts.push(`after ${r.delayMs} ms`)
  if (r.failFirst > 0) parts.push(`fails the first ${r.failFirst} with ${r.failureStatus}`)
  if (r.failureRate > 0) parts.push(`fails ${Math.round(r.failureRate * 1000) / 10}% with ${r.failureStatus}`)
  if (l.forwardTo) parts.push(`forwards to ${l.forwardTo}`)
  const text = parts.join(', ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export default function ListenerRow({ listener: l, onEdit, onDelete }: { listener: Listener; onEdit: () => void; onDelete: () => void }) {
  const busy = useWorkbench((s) => s.listeners.busy.includes(l.id))
  const start = useWorkbench((s) => s.listeners.start)
  const stop = useWorkbench((s) => s.listeners.stop)
  const state = STATE[l.state.status] ?? STATE.stopped
  const running = l.state.status === 'running' || l.state.status === 'starting'
  const configuredUrl = `${l.protocol}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}/`
  const url = l.state.url ?? configuredUrl
  return (
    <li className={`listener-card listener-${l.state.status}`} data-testid="listener-row" data-listener-id={l.id}>
      <div className="listener-main">
        <div className="listener-title">
          <h2>{l.name}</h2>
          <Badge tone={state.tone} testId="listener-state">
            {state.text}
          </Badge>
          <span className="badge badge-neutral">{l.protocol.toUpperCase()}</span>
        </div>
        <div className="listener-url">
          <code className={running ? '' : 'faint'} data-testid="listener-url">
            {url}
          </code>
          {l.state.url ? <CopyButton text={l.state.url} what="the listener URL" /> : null}
        </div>
        {l.state.status === 'error' && l.state.error ? (
          <p className="listener-error" role="alert" data-testid="listener-error">
            {l.state.error}
          </p>
        ) : null}
        <p className="listener-rule muted">
          {ruleSummary(l)}. Verifies with {l.useApiSecret ? 'the API secret' : 'no API secret'}
          {l.secrets.length ? ` + ${l.secrets.length} extra secret${l.secrets.length === 1 ? '' : 's'}` : ''}.
        </p>
      </div>
      <div className="listener-actions btn-group">
        {running ? (
          <Button onClick={() => void stop(l.id)} busy={busy} testId="listener-stop" aria-label={`Stop ${l.name}`}>
            Stop
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void start(l.id)} busy={busy} testId="listener-start" aria-label={`Start ${l.name}`}>
            Start
          </Button>
        )}
        <a className="btn btn-ghost" href={buildHash('inbox')} onClick={() => useWorkbench.getState().inbox.setFilters({ listenerId: l.id })}>
          Captures
        </a>
        <Button variant="ghost" onClick={onEdit} testId="listener-edit" aria-label={`Edit ${l.name}`}>
          Edit
        </Button>
        <Button variant="danger" onClick={onDelete} testId="listener-delete" aria-label={`Delete ${l.name}`}>
          Delete
        </Button>
      </div>
    </li>
  )
}
