/**
 * Endpoints (#/endpoints): the webhook URLs the Workbench delivers to, as in Smart KYC's
 * "Webhooks" list: name, URL, Active/Inactive, custom headers, the latest delivery, and
 * "Test webhook" (opens the composer with only that endpoint ticked).
 */
import { useEffect, useState } from 'react'
import type { Endpoint } from '../../../../shared/models'
import { navigate } from '../../app/router'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ConfirmDialog from '../../ui/ConfirmDialog'
import EmptyState from '../../ui/EmptyState'
import { DataTable, Td, Th } from '../../ui/Table'
import ScreenHeader from '../../ui/ScreenHeader'
import EndpointDialog from './EndpointDialog'
import HealthCell from './HealthCell'
import HealthWindowPicker from './HealthWindowPicker'
import LastDeliveryCell from './LastDeliveryCell'
import './endpoints.css'

export default function EndpointsScreen() {
  const items = useWorkbench((s) => s.endpoints.items)
  const loaded = useWorkbench((s) => s.endpoints.loaded)
  const [editing, setEditing] = useState<Endpoint | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Endpoint | null>(null)
  const [removing, setRemoving] = useState(false)

  useEffect(() => {
    void useWorkbench.getState().endpoints.load()
  }, [])

  const confirmDelete = async () => {
    if (!deleting) return
    setRemoving(true)
    const ok = await useWorkbench.getState().endpoints.remove(deleting.id)
    setRemoving(false)
    if (ok) setDeleting(null)
  }

  return (
    <div className="screen endpoints">
      <ScreenHeader title="Endpoints">
        <HealthWindowPicker />
        <Button variant="primary" testId="add-endpoint" onClick={() => setEditing('new')}>
          Add endpoint
        </Button>
      </ScreenHeader>
      <div className="screen-body">
        {loaded && items.length === 0 ? (
          <EmptyState
            title="No endpoints yet"
            testId="endpoints-empty"
            actions={
              <Button variant="primary" onClick={() => setEditing('new')}>
                Add endpoint
              </Button>
            }
          >
            <p>
              An endpoint is a URL of your system that receives Smart KYC webhooks. Add yours (HTTPS; http:// is allowed for localhost
              when you tick it), then send it signed test events from Compose &amp; send.
            </p>
            <p>
              No server of your own yet? Start a listener in <a href="#/listeners">Listeners</a> and add its URL here.
            </p>
          </EmptyState>
        ) : (
          <DataTable
            testId="endpoint-list"
            label="Endpoints"
            className="endpoint-table"
            rows={items}
            columns={
              <>
                <Th className="col-name">Name</Th>
                <Th className="col-url">URL</Th>
                <Th className="col-status">Status</Th>
                <Th className="col-headers">Headers</Th>
                <Th className="col-last">Last delivery</Th>
                <Th className="col-health">Health</Th>
                <Th className="col-actions">
                  <span className="sr-only">Actions</span>
                </Th>
              </>
            }
            row={(e) => (
              <tr key={e.id} data-testid="endpoint-row">
                <Td className="endpoint-name" title={e.name}>
                  {e.name}
                  {e.insecureTls ? (
                    <span className="endpoint-flag" title="TLS certificate verification is off for this endpoint">
                      TLS unchecked
                    </span>
                  ) : null}
                </Td>
                <Td className="mono endpoint-url" title={e.url}>
                  {e.url}
                </Td>
                <Td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={e.active}
                      aria-label={`${e.name} active`}
                      data-testid="endpoint-active"
                      onChange={(ev) => void useWorkbench.getState().endpoints.setActive(e.id, ev.target.checked)}
                    />
                    <span className={e.active ? 'switch-text switch-on' : 'switch-text'}>{e.active ? 'Active' : 'Inactive'}</span>
                  </label>
                </Td>
                <Td className="endpoint-headers" title={e.headers.map(([n]) => n).join(', ')}>
                  {e.headers.length === 0 ? <span className="faint">none</span> : `${e.headers.length} header${e.headers.length === 1 ? '' : 's'}`}
                </Td>
                <Td className="endpoint-last">
                  <LastDeliveryCell endpointId={e.id} />
                </Td>
                <Td>
                  <HealthCell endpointId={e.id} />
                </Td>
                <Td className="endpoint-actions">
                  <div className="btn-group">
                    <Button size="sm" testId="test-webhook" onClick={() => navigate('compose', null, { endpoint: e.id })}>
                      Test webhook
                    </Button>
                    <Button size="sm" testId="audit-endpoint" onClick={() => navigate('audit', null, { endpoint: e.id })}>
                      Audit
                    </Button>
                    <Button size="sm" variant="ghost" testId="edit-endpoint" onClick={() => setEditing(e)}>
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" testId="delete-endpoint" onClick={() => setDeleting(e)}>
                      Delete
                    </Button>
                  </div>
                </Td>
              </tr>
            )}
          />
        )}
      </div>
      {editing ? <EndpointDialog endpoint={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'endpoint'}?`}
        confirmLabel="Delete endpoint"
        busy={removing}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          Deleting <strong>{deleting?.name}</strong> ({deleting?.url}) cannot be undone: deleted webhooks cannot be recovered. Its past
          deliveries stay in the log.
        </p>
      </ConfirmDialog>
    </div>
  )
}
