/**
 * Create or edit an endpoint: name, HTTPS URL (http:// only for localhost, explicitly),
 * active, TLS verification, timeout and custom headers. Problems show beside their field;
 * an engine refusal shows at the top of the form.
 */
import { useState, type FormEvent } from 'react'
import type { Endpoint } from '../../../../shared/models'
import { isMaskedHeaderValue } from '../../../../shared/secret-headers'
import { call } from '../../api/client'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Dialog from '../../ui/Dialog'
import Field from '../../ui/Field'
import { emptyEndpointForm, formFromEndpoint, validateEndpointForm, type EndpointForm, type EndpointFormErrors } from './endpoint-form'
import PairsEditor from '../../ui/PairsEditor'

export interface EndpointDialogProps {
  /** The endpoint to edit; null to create one. */
  endpoint: Endpoint | null
  onClose: () => void
}

export default function EndpointDialog({ endpoint, onClose }: EndpointDialogProps) {
  const [form, setForm] = useState<EndpointForm>(() => (endpoint ? formFromEndpoint(endpoint) : emptyEndpointForm()))
  const [errors, setErrors] = useState<EndpointFormErrors>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<EndpointForm>) => setForm((f) => ({ ...f, ...patch }))
  // Secret values (Authorization, X-API-Key…) arrive masked; saving a masked value keeps the
  // stored one. Reveal asks the engine for them in clear, only when clicked.
  const masked = form.headers.some((h) => isMaskedHeaderValue(h.value))
  const reveal = async () => {
    if (!endpoint) return
    try {
      const { headers } = await call('endpoints.revealHeaders', { id: endpoint.id })
      setForm((f) => {
        const seen = new Map<string, number>()
        return {
          ...f,
          headers: f.headers.map((row) => {
            const key = row.name.trim().toLowerCase()
            const nth = seen.get(key) ?? 0
            seen.set(key, nth + 1)
            if (!isMaskedHeaderValue(row.value)) return row
            const stored = headers.filter(([n]) => n.toLowerCase() === key)[nth]
            return stored ? { ...row, value: stored[1] } : row
          })
        }
      })
    } catch (err) {
      useWorkbench.getState().app.reportError(err, 'Revealing the header values')
    }
  }

  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    const checked = validateEndpointForm(form)
    setErrors(checked.errors)
    if (!checked.input) return
    setSaving(true)
    setServerError(null)
    const actions = useWorkbench.getState().endpoints
    const result = endpoint ? await actions.update(endpoint.id, checked.input) : await actions.create(checked.input)
    setSaving(false)
    if (result.ok) onClose()
    else setServerError(result.error)
  }

  const formId = 'endpoint-form'
  return (
    <Dialog
      open
      title={endpoint ? `Edit ${endpoint.name}` : 'Add endpoint'}
      onClose={onClose}
      width={620}
      testId="endpoint-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} busy={saving} testId="save-endpoint">
            {endpoint ? 'Save' : 'Add endpoint'}
          </Button>
        </>
      }
    >
      <form id={formId} className="endpoint-form" onSubmit={(e) => void submit(e)} noValidate>
        {serverError ? (
          <div className="callout callout-bad" role="alert">
            {serverError}
          </div>
        ) : null}
        <Field label="Name" error={errors.name}>
          <input type="text" value={form.name} placeholder="Staging API" autoFocus onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="URL" error={errors.url} hint="Smart KYC requires HTTPS.">
          <input type="url" className="mono" value={form.url} spellCheck={false} onChange={(e) => set({ url: e.target.value })} />
        </Field>
        <Field label="Allow http:// for localhost (local development)" inline>
          <input type="checkbox" checked={form.allowLocalHttp} onChange={(e) => set({ allowLocalHttp: e.target.checked })} />
        </Field>
        <Field label="Active (receives events)" inline>
          <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} />
        </Field>
        <Field label="Skip TLS certificate verification" inline>
          <input type="checkbox" checked={form.insecureTls} onChange={(e) => set({ insecureTls: e.target.checked })} />
        </Field>
        {form.insecureTls ? (
          <div className="callout callout-warn" role="note">
            The Workbench will accept any certificate from this endpoint, including a forged one. Use this only for a local server with a
            self-signed certificate, never for a real environment.
          </div>
        ) : null}
        <Field label="Timeout (ms)" error={errors.timeoutMs} hint="How long to wait for a response before the attempt counts as a timeout.">
          <input type="text" inputMode="numeric" className="endpoint-timeout" value={form.timeoutMs} onChange={(e) => set({ timeoutMs: e.target.value })} />
        </Field>
        <PairsEditor
          legend="Custom headers"
          rowLabel="Header"
          emptyText="None. Add one for authentication or routing, e.g. Authorization or X-API-Key."
          rows={form.headers}
          onChange={(headers) => set({ headers })}
          error={errors.headers}
          testId="headers-editor"
          addTestId="add-header"
        />
        {masked && endpoint ? (
          <p className="faint endpoint-masked-note">
            Secret values are masked; saving keeps them as stored.{' '}
            <Button size="sm" variant="ghost" onClick={() => void reveal()} testId="reveal-headers">
              Reveal values
            </Button>
          </p>
        ) : null}
      </form>
    </Dialog>
  )
}
