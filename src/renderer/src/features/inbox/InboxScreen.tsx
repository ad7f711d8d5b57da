/**
 * Inbox (#/inbox, #/inbox/<captureId>): captured webhooks, live, with filters and search;
 * the route's capture opens in the detail pane beside the list.
 */
import { useEffect } from 'react'
import { useRoute } from '../../app/router'
import { useWorkbench } from '../../store'
import CaptureDetail from './CaptureDetail'
import CaptureList from './CaptureList'
import InboxEmpty from './InboxEmpty'
import InboxToolbar from './InboxToolbar'
import './inbox.css'

export default function InboxScreen() {
  const route = useRoute()
  const routeId = route.screen === 'inbox' ? route.param : null
  const loaded = useWorkbench((s) => s.inbox.loaded)
  const isEmpty = useWorkbench((s) => s.inbox.loaded && s.inbox.total === 0 && s.inbox.items.length === 0)
  const filtered = useWorkbench((s) => Object.values(s.inbox.filters).some((v) => v !== ''))

  useEffect(() => {
    void useWorkbench.getState().inbox.load()
  }, [])

  useEffect(() => {
    void useWorkbench.getState().inbox.select(routeId)
  }, [routeId])

  const showEmpty = loaded && isEmpty && !filtered
  return (
    <div className="screen inbox">
      <InboxToolbar />
      {showEmpty ? (
        <div className="screen-body">
          <InboxEmpty />
        </div>
      ) : (
        <div className={routeId ? 'split inbox-split split-open inbox-split-open' : 'split inbox-split'}>
          <CaptureList openId={routeId} />
          {routeId ? <CaptureDetail id={routeId} /> : null}
        </div>
      )}
    </div>
  )
}
