/**
 * The renderer's one way to reach the engine. In the desktop app the preload exposes
 * `window.workbench`; in a browser (`kyc-hooks serve`) the web transport speaks the same
 * contract over HTTP + WebSocket. Components never call this directly: store actions do.
 */
import type { WorkbenchBridge } from '../../../shared/bridge'
import type { EventKey, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/contract'
import { createWebBridge } from './web-transport'

declare global {
  interface Window {
    workbench?: WorkbenchBridge
  }
}

let bridge: WorkbenchBridge | null = null

export function getBridge(): WorkbenchBridge {
  if (!bridge) bridge = window.workbench ?? createWebBridge()
  return bridge
}

/** Which transport carries the calls: shown in Settings, used to hide desktop-only actions. */
export function transportKind(): 'ipc' | 'web' {
  return window.workbench ? 'ipc' : 'web'
}

/** A contract call; rejects with an ApiError carrying the wire error's code and message. */
export function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return getBridge()
    .call(method, input)
    .catch((err: unknown) => {
      throw toApiError(err)
    })
}

/**
 * The desktop preload rejects with plain `{ code, message, details }` data, because
 * Electron's contextBridge keeps only the message of a rejected Error; both transports
 * surface here as ApiError.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  if (err && typeof err === 'object') {
    const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown }
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(code, message, details)
    if (typeof message === 'string') return new ApiError('internal', message)
  }
  return new ApiError('internal', String(err))
}

export function subscribe<E extends EventKey>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
  return getBridge().subscribe(event, handler)
}

/** What a failed call rejects with, on either transport. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
