/**
 * Compose & send (#/compose, #/compose?endpoint=<id>): pick one of the 11 events, edit
 * its body with the event's JSON Schema (completion, hover docs, squiggles), watch the
 * live signature of the exact bytes, choose targets and send (Ctrl/Cmd+Enter).
 */
import { useEffect, useMemo } from 'react'
import { useRoute } from '../../app/router'
import CodeEditor from '../../editor/CodeEditor'
import { eventSchemaUri } from '../../editor/schemas'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ScreenHeader from '../../ui/ScreenHeader'
import EventPicker from './EventPicker'
import SchemaSummary from './SchemaSummary'
import SendResultView from './SendResultView'
import { sendBlockedReason } from './send-readiness'
import SignatureBar from './SignatureBar'
import TargetPicker from './TargetPicker'
import './compose.css'

export default function ComposeScreen() {
  const route = useRoute()
  const preselect = route.screen === 'compose' ? (route.query.endpoint ?? null) : null
  const event = useWorkbench((s) => s.compose.event)
  const body = useWorkbench((s) => s.compose.body)
  const schemaBody = useWorkbench((s) => s.compose.schemas[s.compose.event])
  const modified = useWorkbench((s) => {
    const t = s.compose.templates[s.compose.event]
    return t !== undefined && t !== s.compose.body
  })
  const sending = useWorkbench((s) => s.compose.sending)
  const blockedReason = useWorkbench((s) =>
    sendBlockedReason({
      targetMode: s.compose.targetMode,
      adHocUrl: s.compose.adHocUrl,
      selected: s.compose.selected,
      endpointCount: s.endpoints.items.length
    })
  )
  const canSend = blockedReason === null
  const actions = useWorkbench.getState().compose

  useEffect(() => {
    void useWorkbench.getState().compose.open(preselect)
  }, [preselect])

  // Ctrl/Cmd+Enter sends from anywhere on this screen (the editor handles it too; the
  // slice ignores a second send while one is in flight).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault()
        void useWorkbench.getState().compose.send()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const schema = useMemo(() => (schemaBody ? { uri: eventSchemaUri(event), schema: schemaBody } : undefined), [event, schemaBody])

  return (
    <div className="screen compose">
      <ScreenHeader title="Compose & send">
        <span className="faint kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends
        </span>
        {blockedReason ? (
          <span className="muted send-blocked" id="send-blocked-reason" data-testid="send-blocked-reason">
            {blockedReason}
          </span>
        ) : null}
        <Button
          variant="primary"
          testId="send-button"
          busy={sending}
          disabled={!canSend}
          aria-describedby={blockedReason ? 'send-blocked-reason' : undefined}
          onClick={() => void actions.send()}
        >
          {sending ? 'Sending…' : 'Send'}
        </Button>
      </ScreenHeader>
      <div className="work-grid compose-grid">
        <div className="work-main compose-main">
          <div className="compose-toolbar">
            <EventPicker />
            <div className="compose-toolbar-end">
              {modified ? <span className="faint" data-testid="body-modified">edited</span> : null}
              <Button size="sm" testId="reset-template" disabled={!modified} onClick={() => actions.resetToTemplate()}>
                Reset to template
              </Button>
            </div>
          </div>
          <CodeEditor
            value={body}
            onChange={(v) => useWorkbench.getState().compose.setBody(v)}
            language="json"
            schema={schema}
            height="100%"
            ariaLabel="Webhook body"
            testId="compose-editor"
            onSubmit={() => void useWorkbench.getState().compose.send()}
          />
          <SignatureBar />
          <SchemaSummary />
        </div>
        <aside className="work-side compose-side">
          <TargetPicker />
          <SendResultView />
        </aside>
      </div>
    </div>
  )
}
