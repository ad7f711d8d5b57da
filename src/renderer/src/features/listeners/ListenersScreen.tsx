/**
 * Listeners (#/listeners): the local servers that capture webhooks, with their state
 * (running / stopped / error and why), start/stop, edit, delete, and how to trust the
 * local CA. `#/listeners?new=1` opens the create form.
 */
import { useEffect, useState } from 'react'
import type { Listener } from '../../../../shared/models'
import { navigate, useRoute } from '../../app/router'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ConfirmDialog from '../../ui/ConfirmDialog'
import EmptyState from '../../ui/EmptyState'
import ScreenHeader from '../../ui/ScreenHeader'
import CaTrustPanel from './CaTrustPanel'
import ListenerDialog from './ListenerDialog'
import ListenerRow from './ListenerRow'
import './listeners.css'

export default function ListenersScreen() {
  const route = useRoute()
  const items = useWorkbench((s) => s.listeners.items)
  const loaded = useWorkbench((s) => s.listeners.loaded)
  const [editing, setEditing] = useState<Listener | null>(null)
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<Listener | null>(null)

  useEffect(() => {
    void useWorkbench.getState().listeners.load()
  }, [])

  useEffect(() => {
    if (route.query.new === '1') setCreating(true)
  }, [route.query.new])

  const closeCreate = () => {
    setCreating(false)
    if (route.query.new) navigate('listeners')
  }

  return (
    <div className="screen">
      <ScreenHeader title="Listeners">
        <Button variant="primary" onClick={() => setCreating(true)} testId="new-listener-button">
          New listener
        </Button>
      </ScreenHeader>
      <div className="screen-body listeners-body">
        {loaded && items.length === 0 ? (
          <EmptyState
            title="No listeners yet"
            testId="listeners-empty"
            actions={
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create a listener
              </Button>
            }
          >
            <p>
              A listener is a local HTTPS (or HTTP) endpoint. Point Smart KYC's webhook URL at it (through a tunnel) or send to it with{' '}
              <code>kyc-hooks send</code>: every request is captured, its signature checked and its payload validated.
            </p>
          </EmptyState>
        ) : (
          <ul className="listener-list" data-testid="listener-list" aria-label="Listeners">
            {items.map((l) => (
              <ListenerRow key={l.id} listener={l} onEdit={() => setEditing(l)} onDelete={() => setDeleting(l)} />
            ))}
          </ul>
        )}
        <CaTrustPanel />
      </div>
      <ListenerDialog open={creating} listener={null} onClose={closeCreate} />
      <ListenerDialog open={editing !== null} listener={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'listener'}?`}
        confirmLabel="Delete listener"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const l = deleting
          setDeleting(null)
          if (l) void useWorkbench.getState().listeners.remove(l.id)
        }}
      >
        <p>The listener stops and its settings are removed. Captures it already received stay in the inbox.</p>
      </ConfirmDialog>
    </div>
  )
}
