/**
 * The detail pane of one capture: request line, verdicts, headers, body, the response the
 * listener sent and the forward result, with the actions (replay, copy, export, delete).
 */
import { useState } from 'react'
import { SIGNATURE_HEADER } from '../../../../shared/models'
import { navigate } from '../../app/router'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import ConfirmDialog from '../../ui/ConfirmDialog'
import HeaderList from '../../ui/HeaderList'
import BodyView from './BodyView'
import ExportDialog from './ExportDialog'
import { formatBytes } from './body-format'
import { formatDateTime } from './format'
import ReplayDialog from './ReplayDialog'
import ResponsePanel from './ResponsePanel'
import SchemaPanel from './SchemaPanel'
import SignaturePanel from './SignaturePanel'
import { useBody } from './use-body'

export default function CaptureDetail({ id }: { id: string }) {
  const detail = useWorkbench((s) => (s.inbox.detail?.id === id ? s.inbox.detail : null))
  const loading = useWorkbench((s) => s.inbox.detailLoading)
  const error = useWorkbench((s) => s.inbox.detailError)
  const listenerName = useWorkbench((s) => s.listeners.items.find((l) => l.id === detail?.listenerId)?.name ?? null)
  const body = useBody(detail?.bodyBase64 ?? '')
  const [revealPointer, setRevealPointer] = useState<{ pointer: string; n: number } | null>(null)
  const [replayOpen, setReplayOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)

  if (!detail) {
    return (
      <section className="capture-detail" aria-label="Capture detail" data-testid="capture-detail">
        <div className="detail-placeholder">{loading ? 'Loading…' : error ? <span role="alert">{error}</span> : null}</div>
      </section>
    )
  }

  const inbox = useWorkbench.getState().inbox
  const c = detail
  return (
    <section className="capture-detail" aria-label="Capture detail" data-testid="capture-detail">
      <header className="detail-header">
        <div className="request-line mono" data-testid="request-line">
          <span className="method">{c.method}</span> <span className="path">{c.path}</span>
          {c.query ? <span className="faint">?{c.query}</span> : null} <span className="faint">HTTP/{c.httpVersion}</span>
        </div>
        <button type="button" className="icon-btn" aria-label="Close detail" onClick={() => navigate('inbox')}>
          ×
        </button>
      </header>
      <div className="detail-meta">
        <span title={c.receivedAt}>{formatDateTime(c.receivedAt)}</span>
        <span>from {c.remoteAddress}</span>
        <span>{listenerName ? `on ${listenerName}` : c.source === 'import' ? 'imported' : 'listener removed'}</span>
        <span>{formatBytes(c.bodySize)}</span>
        <span className="faint">#{c.seq}</span>
        {c.bodyTruncated ? <Badge tone="warn">Body truncated</Badge> : null}
      </div>
      <div className="detail-actions btn-group">
        <Button variant="primary" size="sm" onClick={() => setReplayOpen(true)} testId="replay-button">
          Replay…
        </Button>
        <Button size="sm" onClick={() => void inbox.copyCurl(c.id)} testId="copy-curl-button" title="Authorization, X-API-Key and Cookie values are masked">
          Copy as curl
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void inbox.copyCurl(c.id, true)} testId="copy-curl-secrets-button" title="Copy as curl with Authorization, X-API-Key and Cookie values in clear">
          Copy as curl (with secrets)
        </Button>
        <Button size="sm" onClick={() => void inbox.copyBody(body.text ?? body.hex)} testId="copy-body-button">
          Copy body
        </Button>
        <Button size="sm" onClick={() => setExportOpen(true)} testId="export-one-button">
          Export…
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)} testId="delete-button">
          Delete
        </Button>
      </div>

      <div className="detail-scroll">
        {c.duplicateOf ? (
          <div className="callout" data-testid="duplicate-of">
            Same body as an earlier capture (a retry or a replay):{' '}
            <a href={`#/inbox/${encodeURIComponent(c.duplicateOf)}`} data-testid="duplicate-of-link">
              open the original
            </a>
          </div>
        ) : null}

        <SignaturePanel verdict={c.signatureVerdict} />
        <SchemaPanel verdict={c.schemaVerdict} onReveal={(pointer) => setRevealPointer((r) => ({ pointer, n: (r?.n ?? 0) + 1 }))} />

        <section className="detail-section" aria-label="Request headers">
          <h3>Request headers</h3>
          <HeaderList headers={c.headers} highlight={[SIGNATURE_HEADER]} testId="request-headers" caption="Request headers in original order" />
        </section>

        <section className="detail-section" aria-label="Request body">
          <h3>Body</h3>
          <BodyView body={body} reveal={revealPointer} />
        </section>

        <ResponsePanel response={c.response} forward={c.forward} />
      </div>

      <ReplayDialog open={replayOpen} onClose={() => setReplayOpen(false)} capture={c} bodyText={body.text} />
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} ids={[c.id]} />
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this capture?"
        confirmLabel="Delete"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false)
          void inbox.remove([c.id]).then((ok) => ok && navigate('inbox'))
        }}
      >
        <p>The captured request is removed from the Workbench database. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  )
}
