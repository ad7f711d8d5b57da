/**
 * Verify (#/verify): paste or load a body, paste the X-SmartKYC-Signature value, choose
 * the secret(s), and get Valid / Invalid / Missing with a diagnosis. The exact bytes
 * matter, so the screen shows what the bytes are and can load them from a file unchanged.
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { SIGNATURE_HEADER } from '../../../../shared/models'
import CodeEditor from '../../editor/CodeEditor'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Field from '../../ui/Field'
import HexView from '../../ui/HexView'
import ViewToggle from '../../ui/ViewToggle'
import ScreenHeader from '../../ui/ScreenHeader'
import { decodeExact } from './body-facts'
import BodyFactsBar from './BodyFactsBar'
import VerdictView from './VerdictView'
import './verify.css'

/** Bodies larger than this are refused from files: webhook bodies are small. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

const BODY_VIEWS = [
  { id: 'text', label: 'Text' },
  { id: 'hex', label: 'Hex' }
] as const

export default function VerifyScreen() {
  const body = useWorkbench((s) => s.verify.body)
  const bodySource = useWorkbench((s) => s.verify.bodySource)
  const fileName = useWorkbench((s) => s.verify.fileName)
  const signature = useWorkbench((s) => s.verify.signature)
  const useStored = useWorkbench((s) => s.verify.useStored)
  const secret = useWorkbench((s) => s.verify.secret)
  const verifying = useWorkbench((s) => s.verify.verifying)
  const hasCredentials = useWorkbench((s) => s.settings.credentials !== null)
  const credentialsLoaded = useWorkbench((s) => s.settings.credentialsLoaded)
  const [language, setLanguage] = useState<'json' | 'plaintext'>('json')
  const [fileError, setFileError] = useState<string | null>(null)
  const [bodyView, setBodyView] = useState<'text' | 'hex'>('text')
  // The bytes the engine verifies: the text as UTF-8 (signing.verify encodes it the same way).
  const bytes = useMemo(() => (bodyView === 'hex' ? new TextEncoder().encode(body) : null), [bodyView, body])
  const fileRef = useRef<HTMLInputElement>(null)
  const actions = useWorkbench.getState().verify

  useEffect(() => {
    const s = useWorkbench.getState()
    if (!s.settings.credentialsLoaded) void s.settings.loadCredentials()
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault()
        void useWorkbench.getState().verify.run()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file) return
    setFileError(null)
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`${file.name} is ${file.size.toLocaleString('en-US')} bytes: load a body under 20 MB`)
      return
    }
    const text = decodeExact(new Uint8Array(await file.arrayBuffer()))
    if (text === null) {
      setFileError(`${file.name} is not UTF-8 text: Smart KYC bodies are UTF-8 JSON, so check you saved the raw body`)
      return
    }
    actions.setBody(text, 'file', file.name)
  }

  return (
    <div className="screen verify">
      <ScreenHeader title="Verify a signature">
        <span className="faint kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> verifies
        </span>
        <Button variant="primary" testId="verify-button" busy={verifying} onClick={() => void actions.run()}>
          Verify
        </Button>
      </ScreenHeader>
      <div className="work-grid vf-grid">
        <div className="work-main vf-main">
          <div className="vf-body-head">
            <span className="field-label">Body (the raw request body, exactly as received)</span>
            <ViewToggle options={BODY_VIEWS} value={bodyView} onChange={setBodyView} label="Body view" testId="verify-body-view" />
            <label className="vf-lang">
              <span className="sr-only">Highlight as</span>
              <select value={language} onChange={(e) => setLanguage(e.target.value as 'json' | 'plaintext')} aria-label="Highlight as">
                <option value="json">JSON</option>
                <option value="plaintext">Plain text</option>
              </select>
            </label>
            <input ref={fileRef} type="file" className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => void onFile(e)} data-testid="verify-file-input" />
            <Button size="sm" onClick={() => fileRef.current?.click()} testId="load-body-file">
              Load from file…
            </Button>
            <Button size="sm" variant="ghost" onClick={() => actions.clear()}>
              Clear
            </Button>
          </div>
          {bytes ? (
            <div className="vf-hex">
              <HexView bytes={bytes} maxHeight={560} testId="verify-hex" />
            </div>
          ) : (
            <CodeEditor
              value={body}
              onChange={(v) => useWorkbench.getState().verify.setBody(v)}
              language={language}
              height="100%"
              ariaLabel="Body to verify"
              testId="verify-editor"
              placeholder="Paste the raw request body here, or load it from a file"
              onSubmit={() => void useWorkbench.getState().verify.run()}
            />
          )}
          <BodyFactsBar />
          {fileError ? (
            <div className="field-error-text" role="alert">
              {fileError}
            </div>
          ) : null}
          <p className="faint vf-note">
            {bodySource === 'file'
              ? `Loaded from ${fileName ?? 'a file'}: the bytes are exactly the file's. Editing them here may change line endings.`
              : 'Pasting into an editor can change invisible bytes (line endings, a final newline). For an exact check, load the raw body from a file.'}
          </p>
        </div>
        <aside className="work-side vf-side">
          <Field label={`${SIGNATURE_HEADER} value`} hint="Lowercase hex HMAC-SHA256, 64 characters.">
            <input
              type="text"
              className="mono"
              value={signature}
              spellCheck={false}
              autoComplete="off"
              placeholder="e.g. 3f1c…"
              data-testid="verify-signature-input"
              onChange={(e) => actions.setSignature(e.target.value)}
            />
          </Field>
          <fieldset className="vf-secrets">
            <legend className="field-label">Secrets to try</legend>
            <Field label="Use the Workbench's API secret" inline hint="The current secret, plus a rotated one while its grace period lasts.">
              <input type="checkbox" checked={useStored} onChange={(e) => actions.setUseStored(e.target.checked)} data-testid="verify-use-stored" />
            </Field>
            {useStored && credentialsLoaded && !hasCredentials ? (
              <p className="vf-warn">No API secret exists yet: create one in <a href="#/settings">Settings</a>, or paste a secret below.</p>
            ) : null}
            <Field label="Another secret (optional)" hint="Kept in memory only; never stored.">
              <input
                type="password"
                className="mono"
                value={secret}
                autoComplete="off"
                spellCheck={false}
                data-testid="verify-secret-input"
                onChange={(e) => actions.setSecret(e.target.value)}
              />
            </Field>
          </fieldset>
          <VerdictView />
          <div className="callout vf-replay-note" role="note">
            Smart KYC signatures carry no timestamp, so a captured request verifies forever: replay protection must come from your own
            idempotency checks (e.g. store processed event ids).
          </div>
        </aside>
      </div>
    </div>
  )
}
