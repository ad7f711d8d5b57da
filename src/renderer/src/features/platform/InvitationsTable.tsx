/**
 * Invitations: send one (as POST /v1/invitations would), and per sent invitation the
 * customer's side: "Customer completes" with a clear screening or with an AML match.
 */
import { useState, type FormEvent } from 'react'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import { Td, Th } from '../../ui/Table'
import TableSection from '../../ui/TableSection'
import { formatDateTime } from '../inbox/format'
import { invitationTone } from './platform-logic'

/** The customer's two ways to complete an invitation: with a clear screening or an AML match. */
const COMPLETIONS = [
  { aml: 'clear', label: 'clear', title: 'Customer completes: screening clear' },
  { aml: 'match', label: 'AML match', title: 'Customer completes: the screening finds an AML match' }
] as const

export default function InvitationsTable() {
  const items = useWorkbench((s) => s.platform.invitations)
  const [email, setEmail] = useState('john.doe@example.com')
  const [sending, setSending] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSending(true)
    await useWorkbench.getState().platform.createInvitation(email.trim())
    setSending(false)
  }

  return (
    <TableSection
      id="platform-invitations"
      title="Invitations"
      rows={items}
      empty="No invitations yet: send one here, or POST /v1/invitations with the curl line on the right."
      before={
        <form className="platform-invite" onSubmit={(e) => void submit(e)}>
          <input
            type="email"
            value={email}
            aria-label="Customer e-mail"
            data-testid="invite-email"
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <Button type="submit" testId="invite-send" busy={sending}>
            Send invitation
          </Button>
        </form>
      }
      wrapClassName="platform-table-wrap"
      testId="invitation-list"
      columns={
        <>
          <Th>Invitation</Th>
          <Th>Customer</Th>
          <Th>Status</Th>
          <Th className="platform-actions">Customer completes</Th>
        </>
      }
      row={(inv) => (
        <tr key={inv.id} data-testid="invitation-row" data-id={inv.id}>
          <Td className="mono platform-id" title={`${inv.id} · ${inv.workflowName} (${inv.workflowId})`}>
            {inv.id}
          </Td>
          <Td className="platform-email" title={inv.customerEmail}>
            {inv.customerEmail}
          </Td>
          <Td title={inv.status === 'sent' ? `expires ${formatDateTime(inv.expiresAt)}` : undefined}>
            <Badge tone={invitationTone(inv.status)} testId="invitation-status">
              {inv.status}
            </Badge>
          </Td>
          <Td className="platform-actions">
            {inv.status === 'sent' ? (
              <div className="btn-group platform-complete">
                {COMPLETIONS.map((c) => (
                  <Button
                    key={c.aml}
                    size="sm"
                    testId={`complete-${c.aml}`}
                    aria-label={`Customer completes (${c.label})`}
                    title={c.title}
                    onClick={() => void useWorkbench.getState().platform.complete(inv.id, c.aml)}
                  >
                    {c.label}
                  </Button>
                ))}
                <Button size="sm" variant="ghost" testId="invitation-cancel" onClick={() => void useWorkbench.getState().platform.cancel(inv.id)}>
                  Cancel
                </Button>
              </div>
            ) : null}
          </Td>
        </tr>
      )}
    />
  )
}
