/**
 * The capture list: the shared virtual list with capture rows. Space ticks a row for
 * bulk delete, and scrolling near the end loads the next (older) page. When the loaded
 * rows span more than one day, every row shows its date, not just today's time.
 */
import { useMemo } from 'react'
import { navigate } from '../../app/router'
import { useWorkbench } from '../../store'
import VirtualList from '../../ui/VirtualList'
import CaptureRow, { ROW_HEIGHT } from './CaptureRow'
import { spansDays } from './format'

const COLUMNS = ['', 'Time', 'Method', 'Path', 'Event', 'Signature', 'Schema', 'Response']

export default function CaptureList({ openId }: { openId: string | null }) {
  const items = useWorkbench((s) => s.inbox.items)
  const total = useWorkbench((s) => s.inbox.total)
  const totalCapped = useWorkbench((s) => s.inbox.totalCapped)
  const loadingMore = useWorkbench((s) => s.inbox.loadingMore)
  const loaded = useWorkbench((s) => s.inbox.loaded)
  const checked = useWorkbench((s) => s.inbox.checked)
  const checkedSet = new Set(checked)
  const withDate = useMemo(() => spansDays(items.map((c) => c.receivedAt)), [items])

  return (
    <VirtualList
      items={items}
      rowHeight={ROW_HEIGHT}
      openId={openId}
      onOpen={(c) => navigate('inbox', c.id)}
      onClose={() => navigate('inbox')}
      onKey={(key, c) => {
        if (key !== ' ') return false
        useWorkbench.getState().inbox.toggleChecked(c.id)
        return true
      }}
      renderRow={(c, row) => <CaptureRow capture={c} checked={checkedSet.has(c.id)} withDate={withDate} {...row} />}
      columns={COLUMNS}
      className="capture-list"
      label="Captured requests"
      testId="capture-list"
      optionIdPrefix="capture-"
      loaded={loaded}
      empty="No captures match these filters."
      hasMore={items.length < total || totalCapped}
      onLoadMore={() => void useWorkbench.getState().inbox.loadMore()}
      footer={loadingMore ? 'Loading older captures…' : null}
    />
  )
}
