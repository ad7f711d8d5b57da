/**
 * The Deliveries export: every delivery matching the screen's filter (all of them, not
 * only the loaded page), with its attempts; in HAR one entry per attempt.
 */
import { useWorkbench } from '../../store'
import ExportDialog from '../export/ExportDialog'
import { toDeliveryFilter } from './delivery-logic'

export default function DeliveriesExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const total = useWorkbench((s) => s.deliveries.total)
  const filters = useWorkbench((s) => s.deliveries.filters)
  const { limit: _limit, ...deliveries } = toDeliveryFilter(filters)
  return (
    <ExportDialog
      open={open}
      onClose={onClose}
      noun={{ one: 'delivery', many: 'deliveries' }}
      matching={{ count: total, scope: { deliveries } }}
    />
  )
}
