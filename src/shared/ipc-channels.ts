/**
 * The two channel names the Electron main process and the preload agree on. They live
 * here, not in the renderer: the page only ever sees `window.workbench`.
 */

/** Renderer → main: `invoke(IPC_CALL, method, input)` answers a BridgeReply. */
export const IPC_CALL = 'workbench:call'

/** Main → renderer: a batch of pushed events, `PushedEvent[]`, at most one batch per ~50 ms. */
export const IPC_EVENT = 'workbench:event'

/**
 * A UI event that is not an engine event: the native menu asks the page to show a screen.
 * It travels on IPC_EVENT beside the contract's events but is not part of the contract.
 */
export const UI_NAVIGATE = 'ui.navigate'

/** One element of a batch on IPC_EVENT. */
export interface PushedEvent {
  event: string
  payload: unknown
}
