/**
 * One row of the delivery log, as the docs list it: Status, Event, Endpoint, Response
 * Code, Timestamp, Response. Everything is a text node.
 */
import { memo } from 'react'
import type { Delivery } from '../../../../shared/models'
import { Badge, StatusCode } from '../../ui/Badge'
import { formatDateTime, formatTime } from '../inbox/format'
import { vlistRowClass } from '../../ui/VirtualList'
import { statusLabel } from './delivery-logic'

export const DELIVERY_ROW_HEIGHT = 32

const TONE = { success: 'ok', error: 'bad', pending: 'info', paused: 'warn', cancelled: 'neutral' } as const

export interface DeliveryRowProps {
  delivery: Delivery
  top: number
  open: boolean
  active: boolean
  /** Show the date on every row (the list spans more than one day). */
  withDate?: boolean
  onOpen: () => void
}

function DeliveryRow({ delivery: d, top, open, active, withDate = false, onOpen }: DeliveryRowProps) {
  const cls = vlistRowClass('dl-row', open, active)
  // Why it is paused or cancelled matters more than the last answer it got.
  const snippet = d.statusReason ?? d.lastError ?? d.lastResponse ?? ''
  return (
    <div
      id={`delivery-${d.id}`}
      role="option"
      aria-selected={open}
      className={cls}
      style={{ transform: `translateY(${top}px)`, height: DELIVERY_ROW_HEIGHT }}
      data-testid="delivery-row"
      data-delivery-id={d.id}
      onClick={onOpen}
    >
      <span>
        <Badge tone={TONE[d.status]} testId="delivery-status" title={d.statusReason ?? undefined}>
          {statusLabel(d.status)}
        </Badge>
      </span>
      <span className="dl-cell-time mono" title={formatDateTime(d.createdAt)} data-testid="delivery-time">
        {formatTime(d.createdAt, new Date(), withDate)}
      </span>
      <span className="dl-cell-event" title={d.event ?? ''}>
        {d.event ?? <span className="faint">—</span>}
      </span>
      <span className={d.endpointId ? 'dl-cell-endpoint' : 'dl-cell-endpoint mono faint'} title={d.url}>
        {/* A send to a URL (CLI, replay) has no endpoint name worth showing: the URL says where it went. */}
        {d.endpointId ? d.endpointName : d.url.replace(/^https?:\/\//, '')}
      </span>
      <span>
        <StatusCode status={d.lastResponseCode} none={d.status === 'pending' && d.attemptCount === 0 ? '…' : '—'} testId="delivery-code" />
      </span>
      <span className={d.lastError && !d.statusReason ? 'dl-cell-snippet mono dl-error' : 'dl-cell-snippet mono'} title={snippet.slice(0, 500)}>
        {snippet}
      </span>
      <span className="dl-cell-attempts faint mono" title={`${d.attemptCount} of ${d.maxAttempts} attempts`}>
        {d.attemptCount}/{d.maxAttempts}
      </span>
    </div>
  )
}

export default memo(DeliveryRow)
