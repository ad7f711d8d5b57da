/**
 * The empty inbox teaches the first capture: the running listener's URL (or a way to
 * create one) and two ready-to-paste commands that send it a webhook.
 */
import { navigate } from '../../app/router'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import CodeBlock from '../../ui/CodeBlock'
import EmptyState from '../../ui/EmptyState'
import { curlExample, sendExample } from './empty-commands'

export default function InboxEmpty() {
  const running = useWorkbench((s) => s.listeners.items.find((l) => l.state.status === 'running' && l.state.url) ?? null)
  const anyListener = useWorkbench((s) => s.listeners.items.length > 0)
  const caPath = useWorkbench((s) => s.app.info?.caCertPath ?? null)

  if (!running) {
    return (
      <EmptyState
        title="No webhooks captured yet"
        testId="inbox-empty"
        actions={
          <Button variant="primary" onClick={() => navigate('listeners', null, anyListener ? {} : { new: '1' })} testId="create-listener-cta">
            {anyListener ? 'Start a listener' : 'Create a listener'}
          </Button>
        }
      >
        <p>
          A listener is a local HTTPS endpoint that captures every request, checks its <code>X-SmartKYC-Signature</code> and
          its payload schema, and answers the way you tell it to.
        </p>
        <p>
          {anyListener
            ? 'None of your listeners is running: start one, and this page shows its URL with commands to send it a test webhook.'
            : 'Create one here, and this page shows its URL with commands to send it a test webhook. Or start one from a terminal:'}
        </p>
        {anyListener ? null : <CodeBlock text="npx kyc-hooks listen --port 8443" what="the kyc-hooks command" testId="listen-example" />}
      </EmptyState>
    )
  }

  const url = running.state.url!
  return (
    <EmptyState title="Waiting for the first webhook" testId="inbox-empty">
      <p>
        <strong>{running.name}</strong> is listening at:
      </p>
      <CodeBlock text={url} what="the listener URL" testId="listener-url" />
      <p>Send it a signed test event with the CLI:</p>
      <CodeBlock text={sendExample(url)} what="the kyc-hooks command" testId="send-example" />
      <p>Or any request with curl (it arrives with a Missing signature, which the inbox will point out):</p>
      <CodeBlock text={curlExample(url, running.protocol === 'https' ? caPath : null)} what="the curl command" testId="curl-example" />
      <p className="faint">Captures appear here as they arrive.</p>
    </EmptyState>
  )
}
