/**
 * Which key presses the screen's list takes, wherever focus is. The status bar promises
 * j/k/Enter, so they must work right after a screen loads, before anyone clicks the list;
 * but never while the user types (inputs, Monaco), works in a dialog, or presses Enter or
 * an arrow on some other control (a button, a tab) that has its own meaning for it.
 */
import { isTypingTarget } from '../app/shortcuts'

export type ListAction = 'next' | 'previous' | 'first' | 'last' | 'open' | 'close' | 'other'

const ACTIONS: Record<string, ListAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  Enter: 'open',
  Escape: 'close'
}

/** Keys that only the list, or a page with nothing focused, hands to the list. */
const FOCUS_ONLY = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'Enter', ' '])

export interface ListKeyContext {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  target: EventTarget | null
  /** The list's scroll element: a key pressed on it (or inside it) is always the list's. */
  list: Element | null
  /** True when a modal dialog is open anywhere on the page. */
  dialogOpen: boolean
}

/** The list action for a key press anywhere on the page, or null when it is not the list's. */
export function listActionFor(c: ListKeyContext): ListAction | null {
  if (c.ctrlKey || c.metaKey || c.altKey || c.dialogOpen) return null
  if (isTypingTarget(c.target)) return null
  const el = c.target instanceof Element ? c.target : null
  if (el?.closest('dialog, [role="dialog"]')) return null
  const inList = el !== null && c.list !== null && c.list.contains(el)
  const nowhere = el === null || el === el.ownerDocument.body || el === el.ownerDocument.documentElement
  if (FOCUS_ONLY.has(c.key) && !inList && !nowhere) return null
  return ACTIONS[c.key] ?? 'other'
}

/** True when a modal (native <dialog> open, or an aria-modal element) is on the page. */
export function modalOpen(doc: Document): boolean {
  return doc.querySelector('dialog[open], [aria-modal="true"]') !== null
}
