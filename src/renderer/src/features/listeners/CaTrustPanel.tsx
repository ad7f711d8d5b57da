/**
 * "Trust the local CA": HTTPS listeners use certificates from a CA made for this data
 * folder. Senders (curl, Node, your OS) must trust it once; here is how, per platform,
 * with the real file path, its SHA-256 fingerprint and a download of the PEM.
 */
import { useEffect, useState } from 'react'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import CodeBlock from '../../ui/CodeBlock'
import Tabs from '../../ui/Tabs'
import { caInstructions, type Platform } from './ca-instructions'

const PLATFORMS = [
  { id: 'macos', label: 'macOS' },
  { id: 'windows', label: 'Windows' },
  { id: 'linux', label: 'Linux' },
  { id: 'tools', label: 'Node / curl' }
] as const

function guessPlatform(): Platform {
  const p = navigator.platform || navigator.userAgent
  if (/Mac/i.test(p)) return 'macos'
  if (/Win/i.test(p)) return 'windows'
  return 'linux'
}

export default function CaTrustPanel() {
  const ca = useWorkbench((s) => s.listeners.ca)
  const [platform, setPlatform] = useState<Platform>(guessPlatform)

  useEffect(() => {
    void useWorkbench.getState().listeners.loadCa()
  }, [])

  return (
    <section className="ca-panel" aria-label="Trust the local CA" data-testid="ca-panel">
      <div className="section-title">
        <h2>Trust the local CA</h2>
      </div>
      <p className="muted">
        HTTPS listeners present a certificate signed by a certificate authority created for this Workbench. Trust it once on the
        machine (or in the tool) that sends to the listener, and HTTPS works without disabling verification.
      </p>
      {ca ? (
        <>
          <dl className="facts ca-facts">
            <dt>Certificate file</dt>
            <dd>
              <code data-testid="ca-path">{ca.path}</code>
            </dd>
            <dt>SHA-256 fingerprint</dt>
            <dd>
              <code className="ca-fingerprint" data-testid="ca-fingerprint">
                {ca.fingerprint256}
              </code>
            </dd>
          </dl>
          <div>
            <Button onClick={() => useWorkbench.getState().listeners.saveCa()} testId="save-ca-button">
              Save CA certificate
            </Button>
          </div>
          <Tabs tabs={PLATFORMS} selected={platform} onSelect={setPlatform} label="Platform" idPrefix="ca">
            <div className="ca-steps">
              {caInstructions(platform, ca.path).map((step, i) => (
                <div key={i} className="ca-step">
                  <p>{step.text}</p>
                  {step.command ? <CodeBlock text={step.command} what="the command" /> : null}
                </div>
              ))}
            </div>
          </Tabs>
        </>
      ) : (
        <p className="faint">Reading the CA…</p>
      )}
    </section>
  )
}
