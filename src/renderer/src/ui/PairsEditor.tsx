/**
 * Header rows as editable name/value inputs, in order, with Remove and Add. Endpoints use it
 * for custom request headers, listeners for response headers. Values may hold credentials
 * (Authorization, X-API-Key), so they are never logged or echoed.
 */
import Button from './Button'
import { pairRow, type PairRow } from './pair-row'

/** The two inputs of a row, in order. */
const PARTS = [
  { part: 'name', placeholder: 'Header name' },
  { part: 'value', placeholder: 'Value' }
] as const

export interface PairsEditorProps {
  legend: string
  rows: PairRow[]
  onChange: (rows: PairRow[]) => void
  error?: string | null
  /** Accessible names of the inputs: `${rowLabel} 1 name`, `${rowLabel} 1 value`. */
  rowLabel: string
  /** What the empty editor says (e.g. what the headers are for). */
  emptyText: string
  testId?: string
  addTestId?: string
}

export default function PairsEditor({ legend, rows, onChange, error, rowLabel, emptyText, testId, addTestId }: PairsEditorProps) {
  const update = (key: number, patch: Partial<PairRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  return (
    <fieldset className={error ? 'pairs-editor field-error' : 'pairs-editor'} data-testid={testId}>
      <legend className="field-label">{legend}</legend>
      {rows.length === 0 ? <p className="faint pairs-editor-empty">{emptyText}</p> : null}
      {rows.map((r, i) => (
        <div key={r.key} className="pairs-row">
          {PARTS.map(({ part, placeholder }) => (
            <input
              key={part}
              type="text"
              className="mono"
              aria-label={`${rowLabel} ${i + 1} ${part}`}
              placeholder={placeholder}
              spellCheck={false}
              value={r[part]}
              onChange={(e) => update(r.key, { [part]: e.target.value })}
            />
          ))}
          <Button size="sm" variant="ghost" aria-label={`Remove ${r.name || `${rowLabel.toLowerCase()} ${i + 1}`}`} onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" testId={addTestId} onClick={() => onChange([...rows, pairRow()])}>
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
