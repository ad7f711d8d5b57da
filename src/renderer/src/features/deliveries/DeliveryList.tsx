/**
 * The delivery log: the shared virtual list with delivery rows, so a long history
 * scrolls smoothly and the keyboard works as in the inbox.
 */
import { useMemo } from 'react'
import { navigate } from '../../app/router'
import { useWorkbench } from '../../store'
import VirtualList from '../../ui/VirtualList'
import { spansDays } from '../inbox/format'
import DeliveryRow, { DELIVERY_ROW_HEIGHT } from './DeliveryRow'

const COLUMNS = ['Status', 'Time', 'Event', 'Endpoint', 'Code', 'Response', 'Tries']

export default function DeliveryList({ openId }: { openId: string | null }) {
  const items = useWorkbench((s) => s.deliveries.items)
  const loaded = useWorkbench((s) => s.deliveries.loaded)
  // Rows from more than one day all show their date, as in the Inbox.
  const withDate = useMemo(() => spansDays(items.map((d) => d.createdAt)), [items])
  return (
    <VirtualList
      items={items}
      rowHeight={DELIVERY_ROW_HEIGHT}
      openId={openId}
      onOpen={(d) => navigate('deliveries', d.id)}
      onClose={() => navigate('deliveries')}
      renderRow={(d, row) => <DeliveryRow delivery={d} withDate={withDate} {...row} />}
      columns={COLUMNS}
      className="dl-list"
      label="Deliveries"
      testId="delivery-list"
      optionIdPrefix="delivery-"
      loaded={loaded}
      empty="No deliveries match these filters."
    />
  )
}
