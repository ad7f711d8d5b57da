/**
 * The Inbox's export: the ticked captures, one capture, or every capture matching the
 * Inbox's filter (all of them, not only the loaded page).
 */
import { useState } from 'react'
import { useWorkbench } from '../../store'
import { toCaptureFilter } from '../../store/inbox-logic'
import ExportDialog from '../export/ExportDialog'

export interface InboxExportDialogProps {
  open: boolean
  onClose: () => void
  /** Export exactly these (e.g. the open capture) instead of offering a choice. */
  ids?: string[]
}

export default function InboxExportDialog({ open, onClose, ids }: InboxExportDialogProps) {
  const checked = useWorkbench((s) => s.inbox.checked)
  const total = useWorkbench((s) => s.inbox.total)
  const filters = useWorkbench((s) => s.inbox.filters)
  // Not built until first asked for, so the Inbox's first paint skips it; kept afterwards,
  // so the format and options chosen stay for the next export.
  const [wanted, setWanted] = useState(open)
  if (open && !wanted) setWanted(true)
  if (!open && !wanted) return null
  const { limit: _limit, beforeSeq: _before, ...captures } = toCaptureFilter(filters)
  return (
    <ExportDialog
      open={open}
      onClose={onClose}
      noun={{ one: 'capture', many: 'captures' }}
      fixedIds={ids}
      checkedIds={checked}
      matching={{ count: total, scope: { captures } }}
    />
  )
}
