/**
 * Export captures as HAR (for browser dev tools, other HTTP tools) or NDJSON (one capture
 * per line, for scripts): the ticked captures, one capture, or the whole filtered list.
 */
import { useState } from 'react'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Dialog from '../../ui/Dialog'

export interface ExportDialogProps {
  open: boolean
  onClose: () => void
  /** Export exactly these (e.g. the open capture) instead of offering a choice. */
  ids?: string[]
}

export default function ExportDialog({ open, onClose, ids }: ExportDialogProps) {
  const checked = useWorkbench((s) => s.inbox.checked)
  const listCount = useWorkbench((s) => s.inbox.items.length)
  const [format, setFormat] = useState<'har' | 'ndjson'>('har')
  const [scope, setScope] = useState<'checked' | 'list'>('checked')
  const [busy, setBusy] = useState(false)
  const fixed = ids && ids.length > 0
  const effectiveScope = checked.length === 0 ? 'list' : scope

  const run = async () => {
    setBusy(true)
    const chosen = fixed ? ids : effectiveScope === 'checked' ? checked : undefined
    await useWorkbench.getState().inbox.exportCaptures(format, chosen)
    setBusy(false)
    onClose()
  }

  return (
    <Dialog
      open={open}
      title="Export captures"
      onClose={onClose}
      width={440}
      testId="export-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={() => void run()} busy={busy} testId="export-confirm">
            Download
          </Button>
        </>
      }
    >
      <fieldset className="radio-group">
        <legend>Format</legend>
        <label>
          <input type="radio" name="export-format" checked={format === 'har'} onChange={() => setFormat('har')} /> HAR (HTTP Archive 1.2)
        </label>
        <label>
          <input type="radio" name="export-format" checked={format === 'ndjson'} onChange={() => setFormat('ndjson')} /> NDJSON (one
          capture per line)
        </label>
      </fieldset>
      {fixed ? (
        <p className="muted">Exports this capture.</p>
      ) : (
        <fieldset className="radio-group">
          <legend>Captures</legend>
          <label>
            <input
              type="radio"
              name="export-scope"
              disabled={checked.length === 0}
              checked={effectiveScope === 'checked'}
              onChange={() => setScope('checked')}
            />{' '}
            {checked.length === 0 ? (
              <span className="faint">The ticked ones (none ticked: tick rows in the list, or press Space on one)</span>
            ) : (
              `The ${checked.length} ticked`
            )}
          </label>
          <label>
            <input type="radio" name="export-scope" checked={effectiveScope === 'list'} onChange={() => setScope('list')} /> The {listCount}{' '}
            in the list (as filtered)
          </label>
        </fieldset>
      )}
    </Dialog>
  )
}
