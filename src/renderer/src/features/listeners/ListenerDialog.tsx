/**
 * Create or edit a listener: where it listens, which secrets it verifies with, how it
 * answers (including simulated failures), forwarding and the body limit.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Listener } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Dialog from '../../ui/Dialog'
import Field from '../../ui/Field'
import { emptyListenerForm, formFromListener, validateListenerForm, type ListenerForm, type ListenerFormErrors } from './listener-form'
import PairsEditor from '../../ui/PairsEditor'
import SecretsEditor from './SecretsEditor'

export interface ListenerDialogProps {
  open: boolean
  /** The listener to edit, or null to create one. */
  listener: Listener | null
  onClose: () => void
}

export default function ListenerDialog({ open, listener, onClose }: ListenerDialogProps) {
  const [form, setForm] = useState<ListenerForm>(emptyListenerForm)
  const [errors, setErrors] = useState<ListenerFormErrors>({})
  const [busy, setBusy] = useState(false)
  const [startAfter, setStartAfter] = useState(true)
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (!open) return
    const initial = listener ? formFromListener(listener) : emptyListenerForm()
    setForm(initial)
    setErrors({})
    if (listener) return
    // 8443 may be taken (another listener, another program): propose a port that is free
    // now, unless the user has already typed one.
    let cancelled = false
    void useWorkbench
      .getState()
      .listeners.suggestPort(initial.host)
      .then((port) => {
        if (cancelled || port === null) return
        setForm((f) => (f.port === initial.port && f.host === initial.host ? { ...f, port: String(port) } : f))
      })
    return () => {
      cancelled = true
    }
  }, [open, listener])

  const set = <K extends keyof ListenerForm>(key: K, value: ListenerForm[K]) => setForm((f) => ({ ...f, [key]: value }))
  const text = (key: keyof ListenerForm) => ({
    value: form[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never)
  })

  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    const result = validateListenerForm(form)
    if (result.errors) {
      setErrors(result.errors)
      // The first wrong field may be scrolled out of view: take the user there.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('.field-error input, .field-error select, .field-error textarea')?.focus())
      return
    }
    setErrors({})
    setBusy(true)
    const store = useWorkbench.getState().listeners
    const saved = listener ? await store.update(listener.id, result.input) : await store.create(result.input)
    if (saved && !listener && startAfter) await store.start(saved.id)
    setBusy(false)
    if (saved) onClose()
  }

  const replying = form.mode === 'reply'
  return (
    <Dialog
      open={open}
      title={listener ? `Edit ${listener.name}` : 'New listener'}
      onClose={onClose}
      width={720}
      testId="listener-dialog"
      footer={
        <>
          {!listener ? (
            <label className="inline-check">
              <input type="checkbox" checked={startAfter} onChange={(e) => setStartAfter(e.target.checked)} /> Start it now
            </label>
          ) : null}
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={() => void submit()} busy={busy} testId="listener-save">
            {listener ? 'Save' : 'Create listener'}
          </Button>
        </>
      }
    >
      <form className="listener-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <h3>Where it listens</h3>
        <div className="form-grid">
          <Field label="Listener name" error={errors.name} className="span-2">
            <input type="text" {...text('name')} />
          </Field>
          <Field label="Protocol">
            <select value={form.protocol} onChange={(e) => set('protocol', e.target.value as 'https' | 'http')}>
              <option value="https">HTTPS (local CA)</option>
              <option value="http">HTTP</option>
            </select>
          </Field>
          <Field label="Host" error={errors.host} hint="127.0.0.1 keeps it on this machine">
            <input type="text" className="mono" {...text('host')} />
          </Field>
          <Field label="Port" error={errors.port}>
            <input type="text" inputMode="numeric" className="mono" {...text('port')} />
          </Field>
          <Field label="Start when the Workbench starts" inline>
            <input type="checkbox" checked={form.autoStart} onChange={(e) => set('autoStart', e.target.checked)} />
          </Field>
        </div>

        <h3>Signature verification</h3>
        <Field label="Verify with the Workbench's API secret (and rotated secrets in their grace period)" inline>
          <input type="checkbox" checked={form.useApiSecret} onChange={(e) => set('useApiSecret', e.target.checked)} />
        </Field>
        <SecretsEditor secrets={form.secrets} onChange={(secrets) => set('secrets', secrets)} listenerId={listener?.id} />

        <h3>How it answers</h3>
        <div className="form-grid">
          <Field label="Mode">
            <select value={form.mode} onChange={(e) => set('mode', e.target.value as ListenerForm['mode'])} data-testid="listener-mode">
              <option value="reply">Reply</option>
              <option value="timeout">Never answer (timeout)</option>
              <option value="reset">Reset the connection</option>
            </select>
          </Field>
          <Field label="Status" error={errors.status}>
            <input type="text" inputMode="numeric" className="mono" disabled={!replying} {...text('status')} />
          </Field>
          <Field label="Delay (ms)" error={errors.delayMs}>
            <input type="text" inputMode="numeric" className="mono" {...text('delayMs')} />
          </Field>
        </div>
        {replying ? (
          <>
            <PairsEditor
              legend="Response headers"
              rowLabel="Response header"
              emptyText="None."
              rows={form.headers}
              onChange={(rows) => set('headers', rows)}
              error={errors.headers}
            />
            <Field label="Response body">
              <textarea rows={3} spellCheck={false} value={form.body} onChange={(e) => set('body', e.target.value)} />
            </Field>
          </>
        ) : (
          <p className="muted">
            {form.mode === 'timeout'
              ? 'The request is captured, then never answered: the sender sees a timeout.'
              : 'The request is captured, then the connection is dropped: the sender sees a reset.'}
          </p>
        )}

        <h3>Simulated failures</h3>
        <div className="form-grid">
          <Field label="Fail the first N attempts" error={errors.failFirst} hint="Per body: retries of one delivery">
            <input type="text" inputMode="numeric" className="mono" {...text('failFirst')} />
          </Field>
          <Field label="Failure rate (%)" error={errors.failureRatePercent}>
            <input type="text" inputMode="decimal" className="mono" {...text('failureRatePercent')} />
          </Field>
          <Field label="Failure status" error={errors.failureStatus}>
            <input type="text" inputMode="numeric" className="mono" {...text('failureStatus')} />
          </Field>
        </div>

        <h3>Forwarding and limits</h3>
        <div className="form-grid">
          <Field label="Forward to URL" error={errors.forwardTo} hint="Also pass each request on, unchanged, to your app" className="span-2">
            <input type="url" className="mono" placeholder="http://localhost:3000/webhooks" {...text('forwardTo')} />
          </Field>
          <Field label="Body limit (MiB)" error={errors.bodyLimitMiB}>
            <input type="text" inputMode="decimal" className="mono" {...text('bodyLimitMiB')} />
          </Field>
        </div>
        {/* Enter in a field submits; the visible buttons live in the dialog footer. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  )
}
