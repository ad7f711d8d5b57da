/**
 * One row of the capture list: time, method, path, event, signature and schema verdicts,
 * the response status and a duplicate marker. Everything is a text node.
 */
import { memo, type PointerEvent } from 'react'
import type { CaptureSummary } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import { Badge, SchemaBadge, SignatureBadge, StatusCode } from '../../ui/Badge'
import { vlistRowClass } from '../../ui/VirtualList'
import { formatDateTime, formatTime } from './format'

export const ROW_HEIGHT = 32

export interface CaptureRowProps {
  capture: CaptureSummary
  top: number
  open: boolean
  active: boolean
  checked: boolean
  /** Show the date on every row (the list spans days), not only on earlier days' rows. */
  withDate?: boolean
  onOpen: () => void
}

/**
 * The full local date and time as the time cell's tooltip, written when the pointer first
 * comes: formatting it for every row would load the browser's locale data before the first
 * row can show (issue 10).
 */
function showFullTime(iso: string) {
  return (e: PointerEvent<HTMLElement>) => {
    if (!e.currentTarget.title) e.currentTarget.title = formatDateTime(iso)
  }
}

/**
 * The row's cells. Memoised apart from the row, so when live captures arrive above it and
 * only its position changes, React moves the row without building its cells again.
 */
const CaptureCells = memo(function CaptureCells({ capture: c, checked, withDate }: { capture: CaptureSummary; checked: boolean; withDate: boolean }) {
  const toggle = useWorkbench((s) => s.inbox.toggleChecked)
  return (
    <>
      <span className="cell-check" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" tabIndex={-1} aria-label={`Select capture ${c.seq}`} checked={checked} onChange={() => toggle(c.id)} />
      </span>
      <span className="cell-time mono" data-testid="capture-time" onPointerEnter={showFullTime(c.receivedAt)}>
        {formatTime(c.receivedAt, new Date(), withDate)}
      </span>
      <span className="cell-method mono">{c.method}</span>
      <span className="cell-path mono" title={c.path + (c.query ? `?${c.query}` : '')}>
        {c.path}
        {c.query ? <span className="faint">?{c.query}</span> : null}
      </span>
      <span className="cell-event" title={c.event ?? ''}>
        {c.event ?? <span className="faint">—</span>}
      </span>
      <span className="cell-badge">
        <SignatureBadge status={c.signature} />
      </span>
      <span className="cell-badge">
        <SchemaBadge status={c.schema} />
      </span>
      <span className="cell-badge">
        <StatusCode status={c.responseStatus} none="none" testId="response-status" />
        {c.duplicateOf ? (
          <Badge tone="info" testId="duplicate-marker" title="Same body as an earlier capture">
            dup
          </Badge>
        ) : null}
      </span>
    </>
  )
})

function CaptureRow({ capture: c, top, open, active, checked, withDate = false, onOpen }: CaptureRowProps) {
  const cls = vlistRowClass('capture-row', open, active)
  return (
    <div
      id={`capture-${c.id}`}
      role="option"
      aria-selected={open}
      className={cls}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid="capture-row"
      data-capture-id={c.id}
      onClick={onOpen}
    >
      <CaptureCells capture={c} checked={checked} withDate={withDate} />
    </div>
  )
}

export default memo(CaptureRow)
