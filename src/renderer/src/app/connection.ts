/**
 * The live connection's state for the status bar. In the browser it is the web
 * transport's socket (which also reports a refused token); the desktop app has no socket.
 */
import { transportKind } from '../api/client'
import { onConnectionChange } from '../api/web-transport'
import type { ConnectionState } from '../store/app-slice'

/**
 * Calls `onState` now and on every change, and `onUnauthorized` when the server refuses
 * the page's token; returns the unsubscribe.
 */
export function watchConnection(onState: (state: ConnectionState) => void, onUnauthorized: () => void): () => void {
  if (transportKind() === 'ipc') {
    onState('n/a')
    return () => {}
  }
  return onConnectionChange((state) => {
    if (state === 'unauthorized') {
      onUnauthorized()
      onState('closed')
    } else {
      onState(state)
    }
  })
}
