/**
 * Submissions: status, the AML screening's result, and the reviewer's side: Dismiss match
 * (per open match), Approve and Reject (until a decision is made).
 */
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import { Td, Th } from '../../ui/Table'
import TableSection from '../../ui/TableSection'
import { canDecide, submissionTone } from './platform-logic'

export default function SubmissionsTable() {
  const items = useWorkbench((s) => s.platform.submissions)
  return (
    <TableSection
      id="platform-submissions"
      title="Submissions"
      rows={items}
      empty="A submission appears when a customer completes an invitation (the buttons above, or POST /v1/simulate/invitations/ID/complete)."
      wrapClassName="platform-table-wrap"
      testId="submission-list"
      columns={
        <>
          <Th>Submission</Th>
          <Th>Customer</Th>
          <Th>Status</Th>
          <Th>AML</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </>
      }
      row={(sub) => {
        const open = sub.amlMatches.filter((m) => m.status === 'open')
        return (
          <tr key={sub.id} data-testid="submission-row" data-id={sub.id}>
            <Td className="mono platform-id" title={`${sub.id} · invitation ${sub.invitationId}`}>
              {sub.id}
            </Td>
            <Td className="platform-email" title={sub.customerEmail}>
              {sub.customerEmail}
            </Td>
            <Td>
              <Badge tone={submissionTone(sub.status)} testId="submission-status">
                {sub.status}
              </Badge>
            </Td>
            <Td data-testid="submission-aml">
              {sub.amlMatches.length === 0 ? (
                <Badge tone="ok">clear</Badge>
              ) : (
                sub.amlMatches.map((m) => (
                  <Badge key={m.id} tone={m.status === 'open' ? 'bad' : 'neutral'} title={`${m.matchedName} on ${m.sourceList}, score ${m.matchScore}`}>
                    {m.matchType} {m.status === 'open' ? `(${m.riskLevel})` : 'dismissed'}
                  </Badge>
                ))
              )}
            </Td>
            <Td className="platform-actions">
              <div className="btn-group">
                {open.map((m) => (
                  <Button key={m.id} size="sm" testId="dismiss-match" onClick={() => void useWorkbench.getState().platform.dismissMatch(m.id)}>
                    Dismiss match
                  </Button>
                ))}
                {canDecide(sub.status) ? (
                  <>
                    <Button size="sm" testId="approve" onClick={() => void useWorkbench.getState().platform.decide(sub.id, 'approved')}>
                      Approve
                    </Button>
                    <Button size="sm" variant="ghost" testId="reject" onClick={() => void useWorkbench.getState().platform.decide(sub.id, 'rejected')}>
                      Reject
                    </Button>
                  </>
                ) : null}
              </div>
            </Td>
          </tr>
        )
      }}
    />
  )
}
