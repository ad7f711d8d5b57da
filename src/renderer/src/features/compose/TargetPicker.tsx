/**
 * Where the message goes: saved endpoints (active ones ticked; inactive ones shown but
 * disabled, except the one a "Test webhook" click came from) or a one-off URL.
 */
import { useWorkbench } from '../../store'
import Field from '../../ui/Field'

export default function TargetPicker() {
  const mode = useWorkbench((s) => s.compose.targetMode)
  const endpoints = useWorkbench((s) => s.endpoints.items)
  const loaded = useWorkbench((s) => s.endpoints.loaded)
  const selected = useWorkbench((s) => s.compose.selected)
  const preselect = useWorkbench((s) => s.compose.preselect)
  const adHocUrl = useWorkbench((s) => s.compose.adHocUrl)
  const adHocInsecureTls = useWorkbench((s) => s.compose.adHocInsecureTls)
  const actions = useWorkbench.getState().compose

  return (
    <fieldset className="compose-targets" data-testid="target-picker">
      <legend className="field-label">Send to</legend>
      <div className="compose-target-modes" role="radiogroup" aria-label="Target kind">
        <label>
          <input type="radio" name="target-mode" checked={mode === 'endpoints'} onChange={() => actions.setTargetMode('endpoints')} />
          Saved endpoints
        </label>
        <label>
          <input type="radio" name="target-mode" checked={mode === 'url'} onChange={() => actions.setTargetMode('url')} />
          A URL
        </label>
      </div>

      {mode === 'endpoints' && preselect ? (
        <p className="compose-test-note" data-testid="test-webhook-note">
          Test webhook: only <strong>{endpoints.find((e) => e.id === preselect)?.name ?? 'the chosen endpoint'}</strong> is ticked.{' '}
          <a href="#/compose">Use the active endpoints instead</a>
        </p>
      ) : null}
      {mode === 'endpoints' ? (
        <div className="compose-endpoints">
          {loaded && endpoints.length === 0 ? (
            <p className="muted">
              No endpoints yet. <a href="#/endpoints">Add one in Endpoints</a>, or send to a URL.
            </p>
          ) : null}
          {endpoints.map((e) => {
            const usable = e.active || e.id === preselect
            return (
              <label key={e.id} className={usable ? 'compose-endpoint' : 'compose-endpoint compose-endpoint-off'} data-testid="target-endpoint">
                <input
                  type="checkbox"
                  checked={selected.includes(e.id)}
                  disabled={!usable}
                  onChange={() => actions.toggleEndpoint(e.id)}
                />
                <span className="compose-endpoint-text">
                  <span className="compose-endpoint-name">{e.name}</span>
                  <span className="compose-endpoint-url mono">{e.url}</span>
                  {!e.active ? (
                    <span className="compose-endpoint-note">
                      Inactive{usable ? ' (testing it anyway)' : ': activate it in Endpoints to send'}
                    </span>
                  ) : null}
                </span>
              </label>
            )
          })}
        </div>
      ) : (
        <div className="compose-adhoc">
          <Field label="URL" hint="Any http(s) URL, e.g. a listener of this Workbench: https://127.0.0.1:8443/webhooks">
            <input
              type="url"
              value={adHocUrl}
              placeholder="https://localhost:8443/webhooks"
              spellCheck={false}
              onChange={(e) => actions.setAdHoc({ url: e.target.value })}
            />
          </Field>
          <Field label="Skip TLS verification (self-signed local servers only)" inline>
            <input type="checkbox" checked={adHocInsecureTls} onChange={(e) => actions.setAdHoc({ insecureTls: e.target.checked })} />
          </Field>
        </div>
      )}
    </fieldset>
  )
}
