/**
 * The header's controls: the port and Start while stopped; the base URL and Stop while running.
 */
import { useState } from 'react'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import CopyButton from '../../ui/CopyButton'

/** "Start with the app": the setting the desktop app and `serve` read when they open. */
function AutoStart({ port }: { port: number }) {
  const enabled = useWorkbench((s) => s.settings.values?.platformAutoStart ?? false)
  return (
    <label className="platform-autostart" title="Start the mock API when the desktop app or kyc-hooks serve opens">
      <input
        type="checkbox"
        checked={enabled}
        data-testid="platform-autostart"
        onChange={(e) => void useWorkbench.getState().settings.update({ platformAutoStart: e.target.checked, platformPort: port })}
      />
      <span>Start with the app</span>
    </label>
  )
}

export default function ServerControls() {
  const status = useWorkbench((s) => s.platform.status)
  const busy = useWorkbench((s) => s.platform.busy)
  const savedPort = useWorkbench((s) => s.settings.values?.platformPort ?? 8787)
  const [port, setPort] = useState<string | null>(null)
  const shownPort = port ?? String(savedPort)
  const portNumber = Number(shownPort)
  const portValid = /^\d+$/.test(shownPort) && portNumber >= 0 && portNumber <= 65535

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
        <AutoStart port={status.port ?? portNumber} />
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
          value={shownPort}
          inputMode="numeric"
          aria-invalid={!portValid}
          data-testid="platform-port"
          title="0 picks a free port"
          onChange={(e) => setPort(e.target.value.trim())}
        />
      </label>
      <AutoStart port={portValid ? portNumber : savedPort} />
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
