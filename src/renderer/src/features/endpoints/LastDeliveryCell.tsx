/**
 * The latest delivery to one endpoint: status in words, the response code, and a link.
 */
import { useWorkbench } from '../../store'
import { Badge, StatusCode } from '../../ui/Badge'
import { statusLabel } from '../deliveries/delivery-logic'
import { formatTime } from '../inbox/format'

const TONE = { success: 'ok', error: 'bad', pending: 'info', paused: 'warn', cancelled: 'neutral' } as const

export default function LastDeliveryCell({ endpointId }: { endpointId: string }) {
  const last = useWorkbench((s) => s.endpoints.lastDelivery[endpointId])
  if (!last) return <span className="faint">never</span>
  return (
    <a className="last-delivery" href={`#/deliveries/${encodeURIComponent(last.deliveryId)}`} title="Open this delivery">
      <Badge tone={TONE[last.status]}>{statusLabel(last.status)}</Badge>
      {last.code !== null ? <StatusCode status={last.code} /> : null}
      <span className="faint">{formatTime(last.at)}</span>
    </a>
  )
}
