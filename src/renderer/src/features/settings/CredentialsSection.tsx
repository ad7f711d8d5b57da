/**
 * API credentials: the key (copyable), the secret shown once when created or rotated (then
 * only masked), rotation with a grace period, and the previous secrets still accepted.
 */
import { useEffect, useState } from 'react'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ConfirmDialog from '../../ui/ConfirmDialog'
import CopyButton from '../../ui/CopyButton'
import Field from '../../ui/Field'
import Section from '../../ui/Section'
import { Table, Td, Th } from '../../ui/Table'
import { formatDateTime } from '../inbox/format'

export default function CredentialsSection() {
  const credentials = useWorkbench((s) => s.settings.credentials)
  const loaded = useWorkbench((s) => s.settings.credentialsLoaded)
  const revealed = useWorkbench((s) => s.settings.revealedSecret)
  const [grace, setGrace] = useState('24')
  const [confirmRotate, setConfirmRotate] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    void useWorkbench.getState().settings.loadCredentials()
  }, [])

  const graceHours = /^\d+(\.\d+)?$/.test(grace.trim()) ? Number(grace) : NaN
  const graceError = Number.isNaN(graceHours) || graceHours > 720 ? 'Use a number of hours from 0 to 720 (30 days)' : null
  const store = useWorkbench.getState().settings

  const create = async () => {
    setBusy(true)
    await store.createCredentials()
    setBusy(false)
  }
  const rotate = async () => {
    setConfirmRotate(false)
    setBusy(true)
    await store.rotate(graceHours)
    setBusy(false)
  }

  return (
    <Section
      id="credentials"
      title="API credentials"
      testId="credentials-section"
      intro={
        <>
          The Workbench signs the webhooks it sends and verifies the ones it captures with this API secret, exactly as Smart KYC
          does with yours: <code>X-SmartKYC-Signature</code> = hex HMAC-SHA256 of the raw body.
        </>
      }
    >

      {revealed ? (
        <div className="callout callout-warn secret-reveal" role="alert" data-testid="secret-reveal">
          <strong>Copy your API secret now: you won’t see it again.</strong>
          <div className="secret-row">
            <code className="secret-value" data-testid="revealed-secret">
              {revealed}
            </code>
            <CopyButton text={revealed} label="Copy secret" what="the API secret" testId="copy-secret" />
          </div>
          <p className="muted">Store it where your webhook handler reads its configuration. If you lose it, rotate to get a new one.</p>
          <div>
            <Button size="sm" onClick={() => store.dismissSecret()} testId="secret-saved">
              I’ve saved it
            </Button>
          </div>
        </div>
      ) : null}

      {!loaded ? (
        <p className="faint">Loading…</p>
      ) : !credentials ? (
        <div>
          <Button variant="primary" onClick={() => void create()} busy={busy} testId="create-credentials">
            Create credentials
          </Button>
        </div>
      ) : (
        <>
          <dl className="settings-facts">
            <dt>API key</dt>
            <dd className="secret-row">
              <code data-testid="api-key">{credentials.apiKey}</code>
              <CopyButton text={credentials.apiKey} what="the API key" testId="copy-api-key" />
            </dd>
            <dt>API secret</dt>
            <dd>
              <code data-testid="secret-masked">{credentials.secretMasked}</code>
              <span className="faint"> created {formatDateTime(credentials.createdAt)}</span>
            </dd>
          </dl>
          <div className="rotate-row">
            <Field label="Grace period (hours)" error={graceError}>
              <input type="text" inputMode="decimal" value={grace} onChange={(e) => setGrace(e.target.value)} className="grace-input" />
            </Field>
            <Button onClick={() => setConfirmRotate(true)} disabled={!!graceError} busy={busy} testId="rotate-secret">
              Rotate secret…
            </Button>
          </div>
          {/* Under the row, not in the field: a hint as wide as this one pushed the button away from its input. */}
          <p className="field-hint rotate-hint">After a rotation the old secret keeps verifying for the grace period.</p>
          {credentials.previous.length > 0 ? (
            <div>
              <h3>Previous secrets</h3>
              <Table label="Previous secrets" testId="previous-secrets">
                <thead>
                  <tr>
                    <Th>Secret</Th>
                    <Th>Retired</Th>
                    <Th>Accepted until</Th>
                  </tr>
                </thead>
                <tbody>
                  {credentials.previous.map((p, i) => (
                    <tr key={i}>
                      <Td>
                        <code>{p.masked}</code>
                      </Td>
                      <Td>{formatDateTime(p.retiredAt)}</Td>
                      <Td>{new Date(p.validUntil).getTime() < Date.now() ? <span className="faint">expired</span> : formatDateTime(p.validUntil)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          ) : null}
        </>
      )}
      <ConfirmDialog
        open={confirmRotate}
        title="Rotate the API secret?"
        confirmLabel="Rotate"
        onCancel={() => setConfirmRotate(false)}
        onConfirm={() => void rotate()}
      >
        <p>
          A new secret is created and shown once. The current one keeps verifying for {Number.isNaN(graceHours) ? '?' : graceHours} hour
          {graceHours === 1 ? '' : 's'}, then stops. Update your webhook handler within that time.
        </p>
      </ConfirmDialog>
    </Section>
  )
}
