/**
 * Deliveries (#/deliveries, #/deliveries/<id>): the webhook log, live, with filters and
 * search; the route's delivery opens beside the list with every attempt.
 */
import { useEffect } from 'react'
import { useRoute } from '../../app/router'
import { useWorkbench } from '../../store'
import EmptyState from '../../ui/EmptyState'
import DeliveriesToolbar from './DeliveriesToolbar'
import DeliveryDetail from './DeliveryDetail'
import DeliveryList from './DeliveryList'
import './deliveries.css'

export default function DeliveriesScreen() {
  const route = useRoute()
  const routeId = route.screen === 'deliveries' ? route.param : null
  const empty = useWorkbench(
    (s) => s.deliveries.loaded && s.deliveries.total === 0 && s.deliveries.items.length === 0 && Object.values(s.deliveries.filters).every((v) => v === '')
  )

  useEffect(() => {
    const s = useWorkbench.getState()
    void s.deliveries.load()
    if (!s.endpoints.loaded) void s.endpoints.load()
  }, [])

  useEffect(() => {
    void useWorkbench.getState().deliveries.select(routeId)
  }, [routeId])

  return (
    <div className="screen deliveries">
      <DeliveriesToolbar />
      {empty && !routeId ? (
        <div className="screen-body">
          <EmptyState title="No deliveries yet" testId="deliveries-empty">
            <p>
              Every webhook the Workbench sends shows up here with its status (Success, Error, Pending), response code and response,
              and every retry. Retries are Paused while their endpoint is Inactive, and Cancelled once it is deleted.
            </p>
            <p>
              Send one from <a href="#/compose">Compose &amp; send</a>, or use “Test webhook” on an endpoint in <a href="#/endpoints">Endpoints</a>.
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className={routeId ? 'split dl-split split-open dl-split-open' : 'split dl-split'}>
          <DeliveryList openId={routeId} />
          {routeId ? <DeliveryDetail id={routeId} /> : null}
        </div>
      )}
    </div>
  )
}
