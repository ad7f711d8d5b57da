/**
 * The header's controls: the port and Start while stopped; the base URL and Stop while running.
 */
import { useState } from 'react'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import CopyButton from '../../ui/CopyButton'

export default function ServerControls() {
  const status = useWorkbench((s) => s.platform.status)
  const busy = useWorkbench((s) => s.platform.busy)
  const [port, setPort] = useState('8787')
  const portNumber = Number(port)
  const portValid = /^\d+$/.test(port) && portNumber >= 0 && portNumber <= 65535

  if (status?.running && status.baseUrl) {
    return (
      <div className="platform-controls">
        <Badge tone="ok" testId="platform-state">
          Running
        </Badge>
        <span className="mono platform-base" data-testid="platform-base-url">
          {status.baseUrl}
        </span>
        <CopyButton text={status.baseUrl} what="base URL" />
        <span className="faint">
          {status.rate}/min, bursts {status.burst}
        </span>
        <Button testId="platform-stop" busy={busy} onClick={() => void useWorkbench.getState().platform.stop()}>
          Stop
        </Button>
      </div>
    )
  }
  return (
    <div className="platform-controls">
      <Badge tone="neutral" testId="platform-state">
        Stopped
      </Badge>
      {status?.error ? <span className="field-error-text">{status.error}</span> : null}
      <label className="platform-port">
        <span className="field-label">Port</span>
        <input
          value={port}
          inputMode="numeric"
          aria-invalid={!portValid}
          data-testid="platform-port"
          title="0 picks a free port"
          onChange={(e) => setPort(e.target.value.trim())}
        />
      </label>
      <Button
        variant="primary"
        testId="platform-start"
        busy={busy}
        disabled={!portValid}
        onClick={() => void useWorkbench.getState().platform.start(portNumber)}
      >
        Start API
      </Button>
    </div>
  )
}
