/**
 * The delivery log, virtualised so a long history scrolls smoothly. j/k or arrows move
 * the cursor, Enter opens, Esc closes the open delivery.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { navigate } from '../../app/router'
import { isTypingTarget } from '../../app/shortcuts'
import { useWorkbench } from '../../store'
import DeliveryRow, { DELIVERY_ROW_HEIGHT } from './DeliveryRow'

export default function DeliveryList({ openId }: { openId: string | null }) {
  const items = useWorkbench((s) => s.deliveries.items)
  const loaded = useWorkbench((s) => s.deliveries.loaded)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [cursor, setCursor] = useState(0)

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DELIVERY_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => items[i]?.id ?? i
  })

  // Follow the route (e.g. a link from the composer) without yanking on live inserts.
  useEffect(() => {
    if (!openId) return
    const i = items.findIndex((d) => d.id === openId)
    if (i >= 0) setCursor(i)
  }, [openId])

  const moveTo = (i: number) => {
    if (items.length === 0) return
    const next = Math.max(0, Math.min(items.length - 1, i))
    setCursor(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return
    const cur = Math.min(cursor, items.length - 1)
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        moveTo(cur + 1)
        break
      case 'k':
      case 'ArrowUp':
        moveTo(cur - 1)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(items.length - 1)
        break
      case 'Enter':
        if (items[cur]) navigate('deliveries', items[cur].id)
        break
      case 'Escape':
        if (openId) navigate('deliveries')
        break
      default:
        return
    }
    e.preventDefault()
  }

  const activeId = items[Math.min(cursor, items.length - 1)]?.id
  return (
    <div className="dl-list-wrap">
      <div className="dl-head" aria-hidden="true">
        <span>Status</span>
        <span>Time</span>
        <span>Event</span>
        <span>Endpoint</span>
        <span>Code</span>
        <span>Response</span>
        <span>Tries</span>
      </div>
      <div
        ref={scrollRef}
        className="dl-list"
        role="listbox"
        aria-label="Deliveries"
        aria-activedescendant={activeId ? `delivery-${activeId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="delivery-list"
      >
        {loaded && items.length === 0 ? <div className="dl-list-empty">No deliveries match these filters.</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const d = items[v.index]
            if (!d) return null
            return (
              <DeliveryRow
                key={d.id}
                delivery={d}
                top={v.start}
                open={d.id === openId}
                active={v.index === cursor}
                onOpen={() => {
                  setCursor(v.index)
                  navigate('deliveries', d.id)
                }}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}
