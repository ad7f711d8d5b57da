/**
 * Editable name/value rows (the listener's response headers), in order.
 */
import Button from '../../ui/Button'
import { pairRow, type PairRow } from './listener-form'

export interface PairsEditorProps {
  legend: string
  rows: PairRow[]
  onChange: (rows: PairRow[]) => void
  error?: string
  testId?: string
}

export default function PairsEditor({ legend, rows, onChange, error, testId }: PairsEditorProps) {
  const update = (key: number, patch: Partial<PairRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  return (
    <fieldset className={error ? 'pairs-editor field-error' : 'pairs-editor'} data-testid={testId}>
      <legend className="field-label">{legend}</legend>
      {rows.length === 0 ? <p className="faint">None.</p> : null}
      {rows.map((r, i) => (
        <div key={r.key} className="pairs-row">
          <input
            type="text"
            className="mono"
            aria-label={`${legend} ${i + 1} name`}
            placeholder="Name"
            spellCheck={false}
            value={r.name}
            onChange={(e) => update(r.key, { name: e.target.value })}
          />
          <input
            type="text"
            className="mono"
            aria-label={`${legend} ${i + 1} value`}
            placeholder="Value"
            spellCheck={false}
            value={r.value}
            onChange={(e) => update(r.key, { value: e.target.value })}
          />
          <Button size="sm" variant="ghost" aria-label={`Remove ${r.name || `row ${i + 1}`}`} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, pairRow()])}>
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
