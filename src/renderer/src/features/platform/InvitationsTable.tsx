/**
 * Invitations: send one (as POST /v1/invitations would), and per sent invitation the
 * customer's side: "Customer completes" with a clear screening or with an AML match.
 */
import { useState, type FormEvent } from 'react'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import { Table, Td, Th } from '../../ui/Table'
import { formatDateTime } from '../inbox/format'
import { invitationTone } from './platform-logic'

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
    <section className="section" aria-labelledby="platform-invitations-title">
      <div className="section-title">
        <h2 id="platform-invitations-title">Invitations</h2>
        <span className="faint">{items.length}</span>
      </div>
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
      {items.length === 0 ? (
        <p className="muted">No invitations yet: send one here, or POST /v1/invitations with the curl line on the right.</p>
      ) : (
        <div className="platform-table-wrap">
        <Table testId="invitation-list" label="Invitations">
          <thead>
            <tr>
              <Th>Invitation</Th>
              <Th>Customer</Th>
              <Th>Status</Th>
              <Th className="platform-actions">Customer completes</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((inv) => (
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
                      <Button
                        size="sm"
                        testId="complete-clear"
                        aria-label="Customer completes (clear)"
                        title="Customer completes: screening clear"
                        onClick={() => void useWorkbench.getState().platform.complete(inv.id, 'clear')}
                      >
                        clear
                      </Button>
                      <Button
                        size="sm"
                        testId="complete-match"
                        aria-label="Customer completes (AML match)"
                        title="Customer completes: the screening finds an AML match"
                        onClick={() => void useWorkbench.getState().platform.complete(inv.id, 'match')}
                      >
                        AML match
                      </Button>
                      <Button size="sm" variant="ghost" testId="invitation-cancel" onClick={() => void useWorkbench.getState().platform.cancel(inv.id)}>
                        Cancel
                      </Button>
                    </div>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        </div>
      )}
    </section>
  )
}
