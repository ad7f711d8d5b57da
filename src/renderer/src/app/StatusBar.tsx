/**
 * The bottom bar: which transport carries the calls, the live connection, running
 * listeners and the app version. The listener count is only shown while the connection is
 * live: once the server is gone the count is stale (the listeners died with it), so the bar
 * says the connection is lost instead of "2 listeners running".
 */
import { transportKind } from '../api/client'
import { useWorkbench } from '../store'

const CONNECTION_TEXT = {
  open: 'Live',
  connecting: 'Connecting…',
  closed: 'Disconnected from the server: reconnecting…',
  'n/a': ''
} as const

export default function StatusBar() {
  const connection = useWorkbench((s) => s.app.connection)
  const version = useWorkbench((s) => s.app.info?.version)
  const running = useWorkbench((s) => s.listeners.items.filter((l) => l.state.status === 'running').length)
  const kind = transportKind()
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="transport-kind">{kind === 'ipc' ? 'Desktop' : 'Browser (kyc-hooks serve)'}</span>
      {connection !== 'n/a' ? (
        <span className={`conn conn-${connection}`} data-testid="connection-state">
          <span className="conn-dot" aria-hidden="true" />
          {CONNECTION_TEXT[connection]}
        </span>
      ) : null}
      {connection === 'open' || connection === 'n/a' ? (
        <span data-testid="running-listeners">
          {running} listener{running === 1 ? '' : 's'} running
        </span>
      ) : null}
      <span className="status-spacer" />
      <span className="faint">
        <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open
      </span>
      {version ? <span className="faint">v{version}</span> : null}
    </footer>
  )
}
