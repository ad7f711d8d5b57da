/**
 * Custom headers as editable name/value rows (e.g. Authorization, X-API-Key), in order.
 * Values are text inputs: they may hold credentials, so they are never logged or echoed.
 */
import Button from '../../ui/Button'
import { headerRow, type HeaderRow } from './endpoint-form'

export interface HeadersEditorProps {
  rows: HeaderRow[]
  onChange: (rows: HeaderRow[]) => void
  error?: string | null
}

export default function HeadersEditor({ rows, onChange, error }: HeadersEditorProps) {
  const update = (key: number, patch: Partial<HeaderRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  return (
    <fieldset className={error ? 'headers-editor field-error' : 'headers-editor'} data-testid="headers-editor">
      <legend className="field-label">Custom headers</legend>
      {rows.length === 0 ? <p className="faint headers-editor-empty">None. Add one for authentication or routing, e.g. Authorization or X-API-Key.</p> : null}
      {rows.map((r, i) => (
        <div key={r.key} className="headers-editor-row">
          <input
            type="text"
            aria-label={`Header ${i + 1} name`}
            placeholder="Header name"
            value={r.name}
            spellCheck={false}
            className="mono"
            onChange={(e) => update(r.key, { name: e.target.value })}
          />
          <input
            type="text"
            aria-label={`Header ${i + 1} value`}
            placeholder="Value"
            value={r.value}
            spellCheck={false}
            className="mono"
            onChange={(e) => update(r.key, { value: e.target.value })}
          />
          <Button size="sm" variant="ghost" aria-label={`Remove header ${r.name || i + 1}`} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" testId="add-header" onClick={() => onChange([...rows, headerRow()])}>
          Add header
        </Button>
      </div>
      {error ? (
        <div className="field-error-text" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  )
}
