/**
 * Extra verification secrets of a listener: shown masked, added through a password field,
 * removable. Secrets never appear in full once added.
 */
import { useState } from 'react'
import Button from '../../ui/Button'
import { maskSecret } from './listener-form'

export default function SecretsEditor({ secrets, onChange }: { secrets: string[]; onChange: (secrets: string[]) => void }) {
  const [draft, setDraft] = useState('')
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
            <code>{maskSecret(s)}</code>
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
