/**
 * A one-line summary of what the engine's schema check says about the body (Monaco shows
 * the same problems as squiggles), plus a warning when the body's `event` differs from
 * the event picked.
 */
import { useMemo } from 'react'
import { schemaErrorDetail } from '../../../../shared/schema-error-text'
import { useWorkbench } from '../../store'
import { SchemaBadge } from '../../ui/Badge'
import { eventOfBody } from './compose-logic'

/** At most this many problems are listed; the editor shows them all. */
const MAX_LISTED = 3

export default function SchemaSummary() {
  const validation = useWorkbench((s) => s.compose.validation)
  const event = useWorkbench((s) => s.compose.event)
  const body = useWorkbench((s) => s.compose.body)
  const bodyEvent = useMemo(() => eventOfBody(body), [body])

  return (
    <div className="compose-schema" data-testid="schema-summary">
      {validation ? <SchemaBadge status={validation.status} /> : <span className="faint">Checking…</span>}
      {validation && validation.errors.length > 0 ? (
        <ul className="compose-schema-errors">
          {validation.errors.slice(0, MAX_LISTED).map((e, i) => (
            <li key={i}>
              {e.path === '' ? 'the body' : <code>{e.path}</code>} {schemaErrorDetail(e)}
            </li>
          ))}
          {validation.errors.length > MAX_LISTED ? <li className="faint">and {validation.errors.length - MAX_LISTED} more (see the editor)</li> : null}
        </ul>
      ) : null}
      {bodyEvent && bodyEvent !== event ? (
        <span className="compose-event-mismatch" role="status">
          The body says <code>{bodyEvent}</code> but <code>{event}</code> is picked.
        </span>
      ) : null}
    </div>
  )
}
