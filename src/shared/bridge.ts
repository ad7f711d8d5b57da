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
}

/** The shape of a reply on either transport: a result or a wire error, never a thrown Error object. */
export type BridgeReply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string; details?: unknown } }
