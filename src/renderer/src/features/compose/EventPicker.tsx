/**
 * The event to compose: a native select grouped Submission / Invitation / AML, and the
 * chosen event's description with a Documented / Inferred marker (inferred = the docs do
 * not show this event's data fields, so the template models them on the documented ones).
 */
import { useMemo } from 'react'
import type { EventName } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import { groupEvents } from './compose-logic'

export default function EventPicker() {
  const events = useWorkbench((s) => s.compose.events)
  const event = useWorkbench((s) => s.compose.event)
  const groups = useMemo(() => groupEvents(events), [events])
  const info = events.find((e) => e.name === event)

  return (
    <div className="compose-event">
      <label className="compose-event-label">
        <span className="field-label">Event</span>
        <select
          value={event}
          data-testid="event-select"
          onChange={(e) => void useWorkbench.getState().compose.selectEvent(e.target.value as EventName)}
        >
          {groups.length === 0 ? <option value={event}>{event}</option> : null}
          {groups.map((g) => (
            <optgroup key={g.group} label={g.label}>
              {g.events.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                  {e.documented ? '' : '  (inferred)'}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {info ? (
        <div className="compose-event-info">
          {info.documented ? (
            <Badge tone="ok" testId="event-documented" title="The Smart KYC docs show this event's payload">
              Documented
            </Badge>
          ) : (
            <Badge tone="neutral" testId="event-documented" title="The docs do not show this event's data fields: they are modelled on the documented ones">
              Inferred
            </Badge>
          )}
          <span className="muted">{info.description}</span>
        </div>
      ) : null}
    </div>
  )
}
