/**
 * What the preload exposes as `window.workbench` and what the web transport implements:
 * one call function over the contract's method names and one subscription to its events.
 * The renderer never sees a channel string or a raw ipcRenderer.
 */
import type { EventKey, EventPayload, MethodInput, MethodName, MethodOutput } from './contract'

export interface WorkbenchBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  /** Subscribe to a pushed event; returns the unsubscribe function. */
  subscribe<E extends EventKey>(event: E, handler: (payload: EventPayload<E>) => void): () => void
  /**
   * Desktop only: the native menu (Ctrl/Cmd+1..9) asks the page to show a screen. Absent in
   * the browser, where the page's own keyboard shortcuts do the same. Returns the unsubscribe function.
   */
  onNavigate?(handler: (screen: ScreenName) => void): () => void
}

/** The ten screens, in the order of the sidebar and of the Ctrl/Cmd+1..9, 0 shortcuts. */
export const SCREEN_NAMES = ['inbox', 'listeners', 'compose', 'endpoints', 'deliveries', 'platform', 'scenarios', 'audit', 'verify', 'settings'] as const
export type ScreenName = (typeof SCREEN_NAMES)[number]

/** The digit of a screen's Ctrl/Cmd shortcut: 1..9 for the first nine, 0 for the tenth. */
export function screenShortcutDigit(index: number): string {
  return String((index + 1) % 10)
}

/** The shape of a reply on either transport: a result or a wire error, never a thrown Error object. */
export type BridgeReply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string; details?: unknown } }
