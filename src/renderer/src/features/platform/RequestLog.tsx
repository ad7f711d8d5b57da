/**
 * The API's own request log, live: method, path, the key used (masked), the status (429s
 * included) and the webhook events each request caused.
 */
import { useWorkbench } from '../../store'
import { StatusCode } from '../../ui/Badge'
import { Td, Th } from '../../ui/Table'
import TableSection from '../../ui/TableSection'
import { formatDateTime } from '../inbox/format'
import { clockTime } from './platform-logic'

export default function RequestLog() {
  const rows = useWorkbench((s) => s.platform.requests)
  return (
    <TableSection
      id="platform-log"
      title="API request log"
      rows={rows}
      empty="Requests to the mock API appear here as they are answered."
      wrapClassName="platform-log-wrap"
      testId="request-log"
      columns={
        <>
          <Th>Time</Th>
          <Th>Status</Th>
          <Th>Request, key and the events it caused</Th>
        </>
      }
      row={(r) => (
        <tr key={r.id} data-testid="request-row">
          <Td className="faint platform-time" title={formatDateTime(r.at)}>
            {clockTime(r.at)}
          </Td>
          <Td>
            <StatusCode status={r.status} testId="request-status" />
          </Td>
          <Td className="platform-request">
            <div className="mono platform-path" title={`${r.method} ${r.path}`}>
              <strong>{r.method}</strong> {r.path}
            </div>
            <div className="platform-request-facts">
              <span className="mono faint" data-testid="request-key" title="The API key the request used (masked)">
                {r.keyMasked ?? 'no key'}
              </span>
              {r.events.length ? (
                <span className="platform-events" data-testid="request-events" title={r.events.join(", ")}>
                  {r.events.join(', ')}
                </span>
              ) : null}
            </div>
          </Td>
        </tr>
      )}
    />
  )
}
