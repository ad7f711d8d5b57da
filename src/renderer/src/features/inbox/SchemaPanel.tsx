/**
 * The schema verdict: which event the body claims to be and every error, each pointing at
 * its field; clicking one reveals the field in the pretty body.
 */
import type { SchemaVerdict } from '../../../../shared/models'
import { schemaErrorDetail, schemaErrorSubject } from '../../../../shared/schema-error-text'
import { SchemaBadge } from '../../ui/Badge'

const STATUS_TEXT: Record<SchemaVerdict['status'], string> = {
  valid: 'The body matches the event schema.',
  invalid: 'The body does not match the event schema:',
  'not-json': 'The body is not JSON, so it cannot be a Smart KYC event.',
  'unknown-event': 'The "event" field names no known Smart KYC event, so there is no schema to check against.'
}

export default function SchemaPanel({ verdict, onReveal }: { verdict: SchemaVerdict; onReveal: (pointer: string) => void }) {
  return (
    <section className="detail-section" aria-label="Schema" data-testid="schema-panel">
      <div className="section-title">
        <h3>Schema</h3>
        <SchemaBadge status={verdict.status} />
        {verdict.event ? <code>{verdict.event}</code> : null}
      </div>
      <p className="muted">{STATUS_TEXT[verdict.status]}</p>
      {verdict.errors.length > 0 ? (
        <ul className="schema-errors" data-testid="schema-errors">
          {verdict.errors.map((e, i) => (
            <li key={i}>
              {e.path === '' ? (
                <span>{schemaErrorSubject(e.path)}</span>
              ) : (
                <button type="button" className="link-btn mono" onClick={() => onReveal(e.path)} title="Show this field in the body">
                  {e.path}
                </button>
              )}{' '}
              <span>{schemaErrorDetail(e)}</span> <span className="faint">({e.keyword})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
