/**
 * Replay a capture to a URL: as captured (exact bytes and signature), re-signed (same
 * bytes, a fresh signature), or edited (change the body and the headers, then sign). The outcome of each
 * delivery shows inline, with a link to its full log.
 */
import { useEffect, useMemo, useState } from 'react'
import type { Capture, DeliveryStatus } from '../../../../shared/models'
import CodeEditor from '../../editor/CodeEditor'
import { eventSchemaUri } from '../../editor/schemas'
import { useWorkbench } from '../../store'
import type { ReplayResult } from '../../store/inbox-slice'
import { Badge, StatusCode, type Tone } from '../../ui/Badge'
import Button from '../../ui/Button'
import Dialog from '../../ui/Dialog'
import Field from '../../ui/Field'
import PairsEditor from '../../ui/PairsEditor'
import { pairRow, type PairRow } from '../../ui/pair-row'
import { editableReplayHeaders, replayHeadersFromRows } from './replay-headers'

type Mode = 'as-is' | 'resign' | 'edited'

const STATUS: Record<DeliveryStatus, { text: string; tone: Tone }> = {
  success: { text: 'Success', tone: 'ok' },
  error: { text: 'Error', tone: 'bad' },
  pending: { text: 'Pending', tone: 'warn' },
  paused: { text: 'Paused', tone: 'warn' },
  cancelled: { text: 'Cancelled', tone: 'neutral' }
}

export interface ReplayDialogProps {
  open: boolean
  onClose: () => void
  capture: Capture
  /** The body as text, or null when it is not UTF-8 (then it cannot be edited). */
  bodyText: string | null
}

export default function ReplayDialog({ open, onClose, capture, bodyText }: ReplayDialogProps) {
  const [url, setUrl] = useState('')
  const [mode, setMode] = useState<Mode>('as-is')
  const [body, setBody] = useState(bodyText ?? '')
  const [headerRows, setHeaderRows] = useState<PairRow[]>(() => editableReplayHeaders(capture.headers).map(([n, v]) => pairRow(n, v)))
  const [secret, setSecret] = useState('')
  const [insecureTls, setInsecureTls] = useState(false)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ReplayResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const event = capture.event
  const schema = useWorkbench((s) => (event ? s.inbox.eventSchemas[event] : undefined))
  const editorSchema = useMemo(() => (event && schema ? { uri: eventSchemaUri(event), schema } : undefined), [event, schema])

  useEffect(() => {
    if (mode === 'edited' && event) void useWorkbench.getState().inbox.loadEventSchema(event)
  }, [mode, event])

  useEffect(() => {
    if (!open) return
    setResult(null)
    setError(null)
    setBody(bodyText ?? '')
    setHeaderRows(editableReplayHeaders(capture.headers).map(([n, v]) => pairRow(n, v)))
    let cancelled = false
    void useWorkbench
      .getState()
      .inbox.defaultReplayUrl()
      .then((u) => {
        if (!cancelled) setUrl((current) => current || u)
      })
    return () => {
      cancelled = true
    }
  }, [open, bodyText, capture.headers])

  // A result shown under another mode would read as that mode's outcome: clear it.
  const chooseMode = (m: Mode) => {
    setMode(m)
    setResult(null)
    setError(null)
  }

  const urlError = url.trim() && !/^https?:\/\/[^\s]+$/i.test(url.trim()) ? 'Enter an http:// or https:// URL' : null
  const edited = useMemo(() => replayHeadersFromRows(headerRows), [headerRows])
  const headersError = mode === 'edited' ? edited.error : null

  const send = async () => {
    if (!url.trim() || urlError || headersError) return
    setBusy(true)
    setError(null)
    setResult(null)
    const outcome = await useWorkbench.getState().inbox.replay({
      id: capture.id,
      url: url.trim(),
      mode,
      secret: mode !== 'as-is' && secret ? secret : undefined,
      body: mode === 'edited' ? body : undefined,
      headers: mode === 'edited' ? edited.headers : undefined,
      insecureTls
    })
    setBusy(false)
    if (outcome.ok) setResult(outcome.result)
    else setError(outcome.error)
  }

  return (
    <Dialog
      open={open}
      title="Replay capture"
      onClose={onClose}
      width={mode === 'edited' ? 760 : 560}
      testId="replay-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" onClick={() => void send()} busy={busy} disabled={!url.trim() || !!urlError || !!headersError} testId="replay-send">
            {busy ? 'Sending…' : 'Send'}
          </Button>
        </>
      }
    >
      <Field label="Target URL" error={urlError} hint="Where to send it: your app's webhook endpoint, or another listener.">
        <input
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://localhost:3000/webhooks/smart-kyc"
          autoFocus
          data-testid="replay-url"
          onKeyDown={(e) => {
            if (e.key === 'Enter') void send()
          }}
        />
      </Field>
      <fieldset className="radio-group">
        <legend>Mode</legend>
        <label>
          <input type="radio" name="replay-mode" checked={mode === 'as-is'} onChange={() => chooseMode('as-is')} /> As captured: the exact
          bytes and the original signature header
        </label>
        <label>
          <input type="radio" name="replay-mode" checked={mode === 'resign'} onChange={() => chooseMode('resign')} /> Re-signed: the exact
          bytes with a fresh signature
        </label>
        <label>
          <input type="radio" name="replay-mode" checked={mode === 'edited'} disabled={bodyText === null} onChange={() => chooseMode('edited')} />{' '}
          Edited: change the body and headers, then sign it
          {bodyText === null ? <span className="faint"> (not available: the body is not UTF-8 text)</span> : null}
        </label>
      </fieldset>
      {mode === 'edited' ? (
        <CodeEditor
          value={body}
          onChange={setBody}
          language="json"
          schema={editorSchema}
          height={260}
          ariaLabel="Body to send"
          testId="replay-body"
          onSubmit={() => void send()}
        />
      ) : null}
      {mode === 'edited' ? (
        <PairsEditor
          legend="Request headers"
          rows={headerRows}
          onChange={setHeaderRows}
          error={headersError}
          rowLabel="Replay header"
          emptyText="No headers: only the computed X-SmartKYC-Signature is sent."
          testId="replay-headers"
          addTestId="replay-add-header"
        />
      ) : null}
      {mode === 'edited' ? (
        <p className="faint replay-note">
          X-SmartKYC-Signature is computed over the edited body when you send; connection headers (Host, Content-Length) are set by the
          HTTP client.
        </p>
      ) : null}

      {mode !== 'as-is' ? (
        <Field label="Signing secret" hint="Leave empty to sign with the Workbench's API secret (Settings).">
          <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
        </Field>
      ) : null}
      <Field label="Skip TLS certificate verification (self-signed targets)" inline>
        <input type="checkbox" checked={insecureTls} onChange={(e) => setInsecureTls(e.target.checked)} />
      </Field>

      {error ? (
        <div className="callout callout-bad" role="alert" data-testid="replay-error">
          {error}
        </div>
      ) : null}
      {result ? (
        <div className="replay-result" data-testid="replay-result" role="status">
          {result.deliveries.map((d) => (
            <div key={d.id} className="replay-delivery">
              <Badge tone={STATUS[d.status].tone} testId="replay-status">
                {STATUS[d.status].text}
              </Badge>
              <StatusCode status={d.lastResponseCode} none="no response" testId="replay-code" />
              <code className="replay-url">{d.url}</code>
              <a href={`#/deliveries/${encodeURIComponent(d.id)}`} onClick={onClose}>
                Delivery log
              </a>
              {d.lastError ? <div className="error-text replay-line">{d.lastError}</div> : null}
              {d.lastResponse ? <pre className="pre-box replay-line">{d.lastResponse}</pre> : null}
            </div>
          ))}
          <div className="faint">
            Signature sent: <code>{result.signature}</code>
          </div>
        </div>
      ) : null}
    </Dialog>
  )
}
