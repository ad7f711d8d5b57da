/**
 * Platform (#/platform): the mock Smart KYC platform. Start its REST API, watch the API's
 * request log live, see the invitations and submissions its calls made, play the customer
 * ("Customer completes") and the reviewer (Dismiss match, Approve, Reject), and copy curl
 * lines to start with. Every change sends its webhooks to the active endpoints.
 */
import { useEffect } from 'react'
import { useWorkbench } from '../../store'
import ScreenHeader from '../../ui/ScreenHeader'
import CurlPanel from './CurlPanel'
import InvitationsTable from './InvitationsTable'
import RequestLog from './RequestLog'
import ServerControls from './ServerControls'
import SubmissionsTable from './SubmissionsTable'
import './platform.css'

export default function PlatformScreen() {
  const running = useWorkbench((s) => s.platform.status?.running === true)

  useEffect(() => {
    void useWorkbench.getState().platform.load()
    void useWorkbench.getState().settings.loadCredentials()
    void useWorkbench.getState().settings.load()
  }, [])

  return (
    <div className="screen platform">
      <ScreenHeader title="Platform (mock)">
        <ServerControls />
      </ScreenHeader>
      <div className="screen-body">
        <p className="callout platform-note" data-testid="platform-note">
          A local <strong>mock</strong> of the Smart KYC platform: its REST API, whose calls cause the webhooks, sent signed to your
          active <a href="#/endpoints">endpoints</a>. Documented by Smart KYC: the API key in a header or query parameter, and the rate
          limits (100 requests/minute, bursts up to 200). Inferred: every path and field. The customer&apos;s side (
          <span className="mono">/v1/simulate/…</span>) exists only in the mock.
        </p>
        <div className="platform-grid">
          <div className="platform-col">
            <InvitationsTable />
            <SubmissionsTable />
          </div>
          <div className="platform-col">
            <RequestLog />
            {running ? <CurlPanel /> : null}
          </div>
        </div>
      </div>
    </div>
  )
}
