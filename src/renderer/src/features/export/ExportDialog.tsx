/**
 * Export as HAR (for browser dev tools and other HTTP tools) or NDJSON (one row per line,
 * for scripts): the ticked rows, one row, or every row that matches the screen's filter,
 * however many there are (the engine pages through them; a progress bar shows rows done
 * of the total). Secret header values are masked unless ticked; personal data can be
 * redacted, which the export then says breaks the signatures. Used by Inbox and Deliveries.
 */
import { useRef, useState } from 'react'
import type { ExportRequest } from '../../../../shared/contract'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import Dialog from '../../ui/Dialog'
import Field from '../../ui/Field'
import { runExport, type ExportProgress } from './export-runner'
import './export.css'

export interface ExportDialogProps {
  open: boolean
  onClose: () => void
  /** "capture"/"captures" or "delivery"/"deliveries". */
  noun: { one: string; many: string }
  /** Export exactly these (e.g. the open row) instead of offering a choice. */
  fixedIds?: string[]
  /** The ticked rows, if the screen has ticks. */
  checkedIds?: string[]
  /** Every row matching the screen's filter: how many, and the filter for the engine. */
  matching: { count: number; scope: Pick<ExportRequest, 'captures' | 'deliveries'> }
}

const plural = (n: number, noun: ExportDialogProps['noun']) => `${n.toLocaleString('en-US')} ${n === 1 ? noun.one : noun.many}`

export default function ExportDialog({ open, onClose, noun, fixedIds, checkedIds = [], matching }: ExportDialogProps) {
  const [format, setFormat] = useState<'har' | 'ndjson'>('har')
  const [scope, setScope] = useState<'checked' | 'matching'>('checked')
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [redactPii, setRedactPii] = useState(false)
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  const stop = useRef(false)
  const running = progress !== null
  const fixed = fixedIds !== undefined && fixedIds.length > 0
  const effectiveScope = checkedIds.length === 0 ? 'matching' : scope

  const close = () => {
    stop.current = true
    onClose()
  }

  const run = async () => {
    stop.current = false
    setProgress({ done: 0, total: fixed ? fixedIds.length : effectiveScope === 'checked' ? checkedIds.length : matching.count })
    const { app } = useWorkbench.getState()
    try {
      const rows = fixed ? { ids: fixedIds } : effectiveScope === 'checked' ? { ids: checkedIds } : matching.scope
      const result = await runExport(
        { format, ...rows, includeSecrets, ...(redactPii ? { redact: 'pii' as const } : {}) },
        setProgress,
        () => stop.current
      )
      if (!result.stopped) {
        app.toast('success', `Exported ${plural(result.rows, noun)} as ${result.filename}`)
        onClose()
      }
    } catch (err) {
      app.reportError(err, `Exporting ${noun.many}`)
    } finally {
      setProgress(null)
    }
  }

  return (
    <Dialog
      open={open}
      title={`Export ${noun.many}`}
      onClose={close}
      width={480}
      testId="export-dialog"
      footer={
        <>
          <Button onClick={close}>{running ? 'Stop' : 'Cancel'}</Button>
          <Button variant="primary" onClick={() => void run()} busy={running} testId="export-confirm">
            Download
          </Button>
        </>
      }
    >
      <fieldset className="radio-group" disabled={running}>
        <legend>Format</legend>
        <label>
          <input type="radio" name="export-format" checked={format === 'har'} onChange={() => setFormat('har')} /> HAR (HTTP Archive 1.2)
        </label>
        <label>
          <input type="radio" name="export-format" checked={format === 'ndjson'} onChange={() => setFormat('ndjson')} /> NDJSON (one{' '}
          {noun.one} per line)
        </label>
      </fieldset>
      {fixed ? (
        <p className="muted">Exports this {noun.one}.</p>
      ) : (
        <fieldset className="radio-group" disabled={running}>
          <legend>{noun.many[0].toUpperCase() + noun.many.slice(1)}</legend>
          {checkedIds.length > 0 || noun.one === 'capture' ? (
            <label>
              <input
                type="radio"
                name="export-scope"
                disabled={checkedIds.length === 0}
                checked={effectiveScope === 'checked'}
                onChange={() => setScope('checked')}
              />{' '}
              {checkedIds.length === 0 ? (
                <span className="faint">The ticked ones (none ticked: tick rows in the list, or press Space on one)</span>
              ) : (
                `The ${checkedIds.length} ticked`
              )}
            </label>
          ) : null}
          <label>
            <input type="radio" name="export-scope" checked={effectiveScope === 'matching'} onChange={() => setScope('matching')} />{' '}
            <span>
              All <span data-testid="export-matching-count">{plural(matching.count, noun)}</span> matching the filter
            </span>
          </label>
        </fieldset>
      )}
      <fieldset className="radio-group" disabled={running}>
        <legend>Privacy</legend>
        <Field label="Include secret header values (Authorization, X-API-Key, Cookie…); masked otherwise" inline>
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} data-testid="export-include-secrets" />
        </Field>
        <Field
          label="Redact personal data in bodies (e-mail, names, responses, matchedName)"
          hint={redactPii ? 'Redacted bodies no longer match their signatures; the file says so.' : undefined}
          inline
        >
          <input type="checkbox" checked={redactPii} onChange={(e) => setRedactPii(e.target.checked)} data-testid="export-redact-pii" />
        </Field>
      </fieldset>
      {progress ? (
        <div className="export-progress" role="status" data-testid="export-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} />
          <span>
            Exported {progress.done.toLocaleString('en-US')} of {plural(progress.total, noun)}…
          </span>
        </div>
      ) : null}
    </Dialog>
  )
}
