/**
 * The capture list, virtualised: only the rows in view exist in the DOM, so tens of
 * thousands of captures scroll smoothly. j/k or arrows move the cursor, Enter opens,
 * and scrolling near the end loads the next (older) page.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { navigate } from '../../app/router'
import { isTypingTarget } from '../../app/shortcuts'
import { useWorkbench } from '../../store'
import CaptureRow, { ROW_HEIGHT } from './CaptureRow'

/** Start loading the next page this many rows before the end. */
const LOAD_MORE_MARGIN = 30

export default function CaptureList({ openId }: { openId: string | null }) {
  const items = useWorkbench((s) => s.inbox.items)
  const total = useWorkbench((s) => s.inbox.total)
  const loadingMore = useWorkbench((s) => s.inbox.loadingMore)
  const loaded = useWorkbench((s) => s.inbox.loaded)
  const checked = useWorkbench((s) => s.inbox.checked)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [cursor, setCursor] = useState(0)
  const checkedSet = new Set(checked)

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => items[i]?.id ?? i
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : 0

  useEffect(() => {
    if (items.length > 0 && items.length < total && lastIndex >= items.length - LOAD_MORE_MARGIN) {
      void useWorkbench.getState().inbox.loadMore()
    }
  }, [lastIndex, items.length, total])

  // Keep the cursor on the opened capture when the route changes (e.g. a duplicate-of link).
  useEffect(() => {
    if (!openId) return
    const i = items.findIndex((c) => c.id === openId)
    if (i >= 0) setCursor(i)
    // Only when the opened id changes: new live rows must not yank the cursor.
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
        if (items[cur]) navigate('inbox', items[cur].id)
        break
      case ' ':
        if (items[cur]) useWorkbench.getState().inbox.toggleChecked(items[cur].id)
        break
      case 'Escape':
        if (openId) navigate('inbox')
        break
      default:
        return
    }
    e.preventDefault()
  }

  const activeId = items[Math.min(cursor, items.length - 1)]?.id
  return (
    <div className="capture-list-wrap">
      <div className="capture-head" aria-hidden="true">
        <span />
        <span>Time</span>
        <span>Method</span>
        <span>Path</span>
        <span>Event</span>
        <span>Signature</span>
        <span>Schema</span>
        <span>Response</span>
      </div>
      <div
        ref={scrollRef}
        className="capture-list"
        role="listbox"
        aria-label="Captured requests"
        aria-activedescendant={activeId ? `capture-${activeId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="capture-list"
      >
        {loaded && items.length === 0 ? <div className="capture-list-empty">No captures match these filters.</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const c = items[v.index]
            if (!c) return null
            return (
              <CaptureRow
                key={c.id}
                capture={c}
                top={v.start}
                open={c.id === openId}
                active={v.index === cursor}
                checked={checkedSet.has(c.id)}
                onOpen={() => {
                  setCursor(v.index)
                  navigate('inbox', c.id)
                }}
              />
            )
          })}
        </div>
        {loadingMore ? <div className="capture-list-more">Loading older captures…</div> : null}
      </div>
    </div>
  )
}
