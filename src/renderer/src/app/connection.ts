/**
 * The web socket's state for the status bar. The web transport may export
 * `onConnectionChange(handler) => unsubscribe`; the desktop app has no socket ('n/a').
 */
import * as webTransport from '../api/web-transport'
import { transportKind } from '../api/client'
import type { ConnectionState } from '../store/app-slice'

type ConnectionListener = (state: string) => void
type OnConnectionChange = (handler: ConnectionListener) => () => void

function normalise(state: string): ConnectionState {
  if (state === 'open' || state === 'connected') return 'open'
  if (state === 'connecting' || state === 'reconnecting') return 'connecting'
  return 'closed'
}

/** Calls `onState` on every change; returns the unsubscribe. */
export function watchConnection(onState: (state: ConnectionState) => void): () => void {
  if (transportKind() === 'ipc') {
    onState('n/a')
    return () => {}
  }
  const hook = (webTransport as unknown as { onConnectionChange?: OnConnectionChange }).onConnectionChange
  if (typeof hook !== 'function') {
    onState('n/a')
    return () => {}
  }
  return hook((state) => onState(normalise(String(state))))
}
