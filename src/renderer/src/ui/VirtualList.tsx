/**
 * A virtualised, keyboard-driven list with a column header: only the rows in view exist in
 * the DOM, so tens of thousands of rows scroll smoothly. j/k or arrows move the cursor,
 * Home/End jump, Enter opens, Esc closes the open row. The keys are heard on the whole
 * document (see list-keys.ts), so they work as soon as the screen shows, and while a row is
 * open the detail follows the cursor. Used by the inbox and the delivery log.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { listActionFor, modalOpen } from './list-keys'

/** Start loading the next page this many rows before the end. */
const LOAD_MORE_MARGIN = 30
/**
 * Rows rendered beyond each edge of the view. Every one is built on each scroll step, so a
 * few are enough for the keyboard cursor and a wheel notch (issue 10: 12 cost a third more).
 */
const OVERSCAN = 4

/** What a row needs to place and draw itself. */
export interface VirtualRowProps {
  top: number
  open: boolean
  active: boolean
  onOpen: () => void
}

export interface VirtualListProps<T extends { id: string }> {
  items: readonly T[]
  rowHeight: number
  /** The row shown in the detail pane (from the route). */
  openId: string | null
  onOpen: (item: T) => void
  onClose: () => void
  renderRow: (item: T, row: VirtualRowProps) => ReactNode
  /** Column titles, in the row's grid order ('' for an untitled column). */
  columns: readonly string[]
  /** Feature class names: `<x>-wrap`, `<x>-head` and `<x>` itself lay out the columns. */
  className: string
  label: string
  testId: string
  /** Prefix of the row element ids, for aria-activedescendant (`capture-` → `capture-<id>`). */
  optionIdPrefix: string
  /** Shown instead of rows once loaded with nothing to show. */
  empty: ReactNode
  loaded: boolean
  /** Keys beyond the common ones (e.g. Space to tick a row); return true when handled. */
  onKey?: (key: string, item: T) => boolean
  /** More rows exist beyond `items`: onLoadMore is called as the end comes into view. */
  hasMore?: boolean
  onLoadMore?: () => void
  footer?: ReactNode
}

/** The list; rows come from `renderRow`, which must apply `vlistRowClass` and `top`. */
export default function VirtualList<T extends { id: string }>(props: VirtualListProps<T>) {
  const { items, openId, hasMore, onLoadMore } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  // The cursor follows a row, not a position, so live rows arriving on top don't move it.
  const [cursorId, setCursorId] = useState<string | null>(null)
  const cursor = useMemo(() => {
    const i = cursorId ? items.findIndex((x) => x.id === cursorId) : -1
    return i === -1 ? 0 : i
  }, [items, cursorId])

  // The same function until the rows change: the virtualizer rebuilds the position of every
  // row (100,000 at scale) whenever getItemKey is a new function, i.e. on every scroll step.
  const getItemKey = useCallback((i: number) => items[i]?.id ?? i, [items])
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    overscan: OVERSCAN,
    getItemKey
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : 0

  useEffect(() => {
    if (hasMore && onLoadMore && items.length > 0 && lastIndex >= items.length - LOAD_MORE_MARGIN) onLoadMore()
    // onLoadMore is a fresh closure each render; the range and length are what matter.
  }, [lastIndex, items.length, hasMore])

  // Keep the cursor on the opened row when the route changes (e.g. a link from elsewhere)
  // and bring it into view. Only on a route change: live rows must not scroll the list.
  const itemsRef = useRef(items)
  itemsRef.current = items
  useEffect(() => {
    if (!openId) return
    setCursorId(openId)
    const i = itemsRef.current.findIndex((x) => x.id === openId)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [openId, virtualizer])

  // One click handler per row id that lives across renders, so memoised rows stay memoised
  // when the list re-renders (a live batch, a new page). It reads the latest props.
  const onOpenRef = useRef(props.onOpen)
  onOpenRef.current = props.onOpen
  const openHandlers = useRef(new Map<string, () => void>())
  const openHandler = (item: T): (() => void) => {
    const cache = openHandlers.current
    let handler = cache.get(item.id)
    if (!handler) {
      // Bounded: only rows in view ask, so a cache of a few hundred is refilled rarely.
      if (cache.size > 1000) cache.clear()
      handler = () => {
        setCursorId(item.id)
        const current = itemsRef.current.find((x) => x.id === item.id) ?? item
        onOpenRef.current(current)
      }
      cache.set(item.id, handler)
    }
    return handler
  }

  /** Moves the cursor; with a row open, the detail follows it. */
  const moveTo = (i: number) => {
    if (items.length === 0) return
    const next = Math.max(0, Math.min(items.length - 1, i))
    setCursorId(items[next].id)
    virtualizer.scrollToIndex(next, { align: 'auto' })
    if (openId && items[next].id !== openId) props.onOpen(items[next])
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return
    const action = listActionFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: e.target,
      list: scrollRef.current,
      dialogOpen: modalOpen(document)
    })
    if (!action) return
    const cur = Math.min(cursor, items.length - 1)
    const item = items[cur]
    // j/k pressed elsewhere (e.g. right after clicking the sidebar) hand focus to the list,
    // so the Enter that follows opens the row instead of pressing that other control.
    const list = scrollRef.current
    if (action !== 'other' && action !== 'close' && list && !list.contains(document.activeElement)) list.focus({ preventScroll: true })
    switch (action) {
      case 'next':
        moveTo(cur + 1)
        break
      case 'previous':
        moveTo(cur - 1)
        break
      case 'first':
        moveTo(0)
        break
      case 'last':
        moveTo(items.length - 1)
        break
      case 'open':
        if (!item) return
        props.onOpen(item)
        break
      case 'close':
        if (!openId) return
        props.onClose()
        break
      default:
        if (!item || !props.onKey?.(e.key, item)) return
    }
    e.preventDefault()
  }
  // The latest handler (it closes over this render's items and cursor), heard document-wide.
  const keyHandler = useRef(onKeyDown)
  keyHandler.current = onKeyDown
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyHandler.current(e)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  const activeId = items[Math.min(cursor, items.length - 1)]?.id
  return (
    <div className={`vlist-wrap ${props.className}-wrap`}>
      <div className={`vlist-head ${props.className}-head`} aria-hidden="true">
        {props.columns.map((c, i) => (
          <span key={i}>{c}</span>
        ))}
      </div>
      <div
        ref={scrollRef}
        className={`vlist ${props.className}`}
        role="listbox"
        aria-label={props.label}
        aria-activedescendant={activeId ? `${props.optionIdPrefix}${activeId}` : undefined}
        tabIndex={0}
        data-testid={props.testId}
      >
        {props.loaded && items.length === 0 ? <div className="vlist-note">{props.empty}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const item = items[v.index]
            if (!item) return null
            return (
              <Fragment key={item.id}>
                {props.renderRow(item, {
                  top: v.start,
                  open: item.id === openId,
                  active: v.index === cursor,
                  onOpen: openHandler(item)
                })}
              </Fragment>
            )
          })}
        </div>
        {props.footer ? <div className="vlist-note">{props.footer}</div> : null}
      </div>
    </div>
  )
}

/** The class names of a row: shared look (`vlist-row…`) plus the feature's grid class. */
export function vlistRowClass(base: string, open: boolean, active: boolean): string {
  return ['vlist-row', base, open ? 'vlist-row-open' : '', active ? 'vlist-row-active' : ''].filter(Boolean).join(' ')
}
