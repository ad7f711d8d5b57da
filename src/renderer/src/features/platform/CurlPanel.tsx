/**
 * Copy-paste curl lines for the running API, with the Workbench's API key filled in.
 */
import { useWorkbench } from '../../store'
import CodeBlock from '../../ui/CodeBlock'
import { curlLines } from './platform-logic'

export default function CurlPanel() {
  const baseUrl = useWorkbench((s) => s.platform.status?.baseUrl ?? null)
  const apiKey = useWorkbench((s) => s.settings.credentials?.apiKey ?? null)
  if (!baseUrl) return null
  return (
    <section className="section" aria-labelledby="platform-curl-title" data-testid="platform-curl">
      <div className="section-title">
        <h2 id="platform-curl-title">Start with curl</h2>
      </div>
      {apiKey ? null : (
        <p className="callout callout-warn">
          No API key yet: create credentials in <a href="#/settings">Settings</a>, then use the key here.
        </p>
      )}
      <p className="muted">
        Set <span className="mono">INV</span>, <span className="mono">SUB</span> from the ids the earlier answers print.
      </p>
      {curlLines(baseUrl, apiKey).map((line) => (
        <div key={line.label} className="platform-curl-line">
          <div className="field-label">{line.label}</div>
          <CodeBlock text={line.command} what={line.label} />
        </div>
      ))}
    </section>
  )
}
