/**
 * Extra verification secrets of a listener: shown masked, added through a password field,
 * removable. Stored secrets come from the engine masked ("•••• #1 (11 chars)"), and saving
 * that stand-in keeps the secret; Reveal and Copy ask the engine for the secret in clear
 * (listeners.revealSecrets), only when clicked.
 */
import { useState } from 'react'
import { isMaskedSecretRef } from '../../../../shared/secret-mask'
import { call } from '../../api/client'
import { copyText } from '../../app/clipboard'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import { maskSecret } from './listener-form'

/** The stored secret a stand-in names ("•••• #2 (…)" is the second), asked for on demand. */
async function storedSecret(listenerId: string, ref: string): Promise<string | null> {
  const index = Number(/#(\d+)/.exec(ref)?.[1] ?? 0) - 1
  const { secrets } = await call('listeners.revealSecrets', { id: listenerId })
  return secrets[index] ?? null
}

export interface SecretsEditorProps {
  secrets: string[]
  onChange: (secrets: string[]) => void
  /** The stored listener, when editing one (for Reveal and Copy). */
  listenerId?: string
}

export default function SecretsEditor({ secrets, onChange, listenerId }: SecretsEditorProps) {
  const [draft, setDraft] = useState('')
  const [shown, setShown] = useState<Record<string, string>>({})
  const reveal = async (ref: string, then: 'show' | 'copy') => {
    if (!listenerId) return
    const { app } = useWorkbench.getState()
    try {
      const secret = await storedSecret(listenerId, ref)
      if (secret === null) throw new Error('the listener changed meanwhile: close and reopen it')
      if (then === 'show') setShown((s) => ({ ...s, [ref]: secret }))
      else {
        await copyText(secret)
        app.toast('success', 'Copied the secret')
      }
    } catch (err) {
      app.reportError(err, 'Revealing the secret')
    }
  }
  const add = () => {
    const s = draft.trim()
    if (!s) return
    if (!secrets.includes(s)) onChange([...secrets, s])
    setDraft('')
  }
  return (
    <fieldset className="pairs-editor secrets-editor" data-testid="secrets-editor">
      <legend className="field-label">Extra secrets</legend>
      {secrets.length === 0 ? <p className="faint pairs-editor-empty">None. Add the API secret of another Smart KYC account or an old secret to accept it too.</p> : null}
      <ul className="secret-list">
        {secrets.map((s, i) => (
          <li key={`${i}-${s.slice(-4)}`}>
            <code data-testid="listener-secret">{isMaskedSecretRef(s) ? (shown[s] ?? s) : maskSecret(s)}</code>
            {isMaskedSecretRef(s) && listenerId ? (
              <>
                {shown[s] === undefined ? (
                  <Button size="sm" variant="ghost" aria-label={`Reveal secret ${i + 1}`} onClick={() => void reveal(s, 'show')}>
                    Reveal
                  </Button>
                ) : (
                  <Button size="sm" variant="ghost" aria-label={`Hide secret ${i + 1}`} onClick={() => setShown(({ [s]: _gone, ...rest }) => rest)}>
                    Hide
                  </Button>
                )}
                <Button size="sm" variant="ghost" aria-label={`Copy secret ${i + 1}`} onClick={() => void reveal(s, 'copy')}>
                  Copy
                </Button>
              </>
            ) : null}
            <Button size="sm" variant="ghost" aria-label={`Remove secret ${i + 1}`} onClick={() => onChange(secrets.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <div className="pairs-row">
        <input
          type="password"
          aria-label="New secret"
          placeholder="Paste a secret"
          autoComplete="off"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <Button size="sm" onClick={add} disabled={!draft.trim()}>
          Add secret
        </Button>
      </div>
    </fieldset>
  )
}
