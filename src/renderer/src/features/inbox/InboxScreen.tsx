/**
 * Inbox (#/inbox, #/inbox/<captureId>): captured webhooks, live, with filters and search;
 * the route's capture opens in the detail pane beside the list.
 */
import { lazy, Suspense, useEffect } from 'react'
import { useRoute } from '../../app/router'
import { useWorkbench } from '../../store'
import CaptureList from './CaptureList'
import InboxEmpty from './InboxEmpty'
import InboxToolbar from './InboxToolbar'
import './inbox.css'

// The detail pane (body views, hex, replay with its editor) is a chunk of its own: the list's
// first rows need none of it (issue 10: first row < 1 s at 100,000 captures).
const CaptureDetail = lazy(() => import('./CaptureDetail'))

export default function InboxScreen() {
  const route = useRoute()
  const routeId = route.screen === 'inbox' ? route.param : null
  const loaded = useWorkbench((s) => s.inbox.loaded)
  const isEmpty = useWorkbench((s) => s.inbox.loaded && s.inbox.total === 0 && s.inbox.items.length === 0)
  const filtered = useWorkbench((s) => Object.values(s.inbox.filters).some((v) => v !== ''))

  useEffect(() => {
    // The shell may have asked already (it starts the first page with the app): join it.
    void useWorkbench.getState().inbox.load({ joinPending: true })
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
          {routeId ? (
            <Suspense
              fallback={
                <section className="capture-detail" aria-label="Capture detail">
                  <div className="detail-placeholder">Loading…</div>
                </section>
              }
            >
              <CaptureDetail id={routeId} />
            </Suspense>
          ) : null}
        </div>
      )}
    </div>
  )
}
