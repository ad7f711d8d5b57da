/**
 * Global keys: Ctrl/Cmd+1..8 switch screens, `/` focuses the screen's search box.
 * List keys (j/k, arrows, Enter) belong to the lists themselves.
 */
import { useEffect } from 'react'
import { navigate } from './router'
import { SCREEN_NAMES } from './route-parse'

/** True when the key went to a place where typing means text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type)
  }
  // Monaco's hidden textarea sits inside .monaco-editor.
  return target.closest('.monaco-editor') !== null
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^[0-9]$/.test(e.key)) {
        navigate(SCREEN_NAMES[(Number(e.key) + 9) % 10])
        e.preventDefault()
        return
      }
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        const search = document.querySelector<HTMLInputElement>('[data-search-input]')
        if (search) {
          search.focus()
          search.select()
          e.preventDefault()
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
