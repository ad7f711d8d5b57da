/**
 * The capture list, virtualised: only the rows in view exist in the DOM, so tens of
 * thousands of captures scroll smoothly. j/k or arrows move the cursor, Enter opens,
 * and scrolling near the end loads the next (older) page.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
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
  // The cursor follows a capture, not a position, so live rows arriving on top don't move it.
  const [cursorId, setCursorId] = useState<string | null>(null)
  const cursor = useMemo(() => {
    const i = cursorId ? items.findIndex((c) => c.id === cursorId) : -1
    return i === -1 ? 0 : i
  }, [items, cursorId])
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

  // Keep the cursor on the opened capture when the route changes (e.g. a duplicate-of
  // link) and bring it into view. Only on a route change: live rows must not scroll the list.
  useEffect(() => {
    if (!openId) return
    setCursorId(openId)
    const i = useWorkbench.getState().inbox.items.findIndex((c) => c.id === openId)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [openId, virtualizer])

  const moveTo = (i: number) => {
    if (items.length === 0) return
    const next = Math.max(0, Math.min(items.length - 1, i))
    setCursorId(items[next].id)
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
                  setCursorId(c.id)
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
