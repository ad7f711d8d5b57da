/**
 * The WorkbenchBridge the preload exposes as `window.workbench`, built over anything that
 * looks like ipcRenderer so tests can drive it without Electron. It knows two channels and
 * the contract's names; the page gets `call`, `subscribe` and `onNavigate`, never IPC itself.
 */
import type { BridgeReply, ScreenName, WorkbenchBridge } from '../shared/bridge'
import { SCREEN_NAMES } from '../shared/bridge'
import { createEventFanout } from '../shared/event-fanout'
import { IPC_CALL, IPC_EVENT, UI_NAVIGATE } from '../shared/ipc-channels'
import { EVENT_NAMES, METHOD_NAMES } from './names'
import { messageOf } from '../shared/errors'

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * What a failed call rejects with. Deliberately a plain object, not an Error: Electron's
 * contextBridge copies a rejected Error with its message only and drops `code` and
 * `details` (electron/electron#25596), while a plain object crosses intact. The renderer's
 * client turns it into its ApiError.
 */
export interface BridgeCallError {
  name: 'WorkbenchCallError'
  code: string
  message: string
  details?: unknown
}

function callError(code: string, message: string, details?: unknown): BridgeCallError {
  return details === undefined ? { name: 'WorkbenchCallError', code, message } : { name: 'WorkbenchCallError', code, message, details }
}

const knownMethods: ReadonlySet<string> = new Set(METHOD_NAMES)
const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES)
const knownScreens: ReadonlySet<string> = new Set(SCREEN_NAMES)

function isReply(value: unknown): value is BridgeReply<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return 'result' in value
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null
}

/** Builds the bridge; call once per page with the real ipcRenderer. */
export function createBridge(ipc: IpcRendererLike): Required<WorkbenchBridge> {
  // One broken subscriber must not starve the others of the rest of the batch.
  const fanout = createEventFanout((event, err) => console.error(`workbench: a handler for "${event}" threw`, err))

  // One IPC listener for the page's lifetime; subscribers come and go in the fan-out.
  ipc.on(IPC_EVENT, (_event, batch) => fanout.deliverBatch(batch))

  async function call(method: string, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !knownMethods.has(method)) {
      throw callError('bad-input', `unknown method ${JSON.stringify(method)}: use one of the contract's methods, e.g. "app.info"`)
    }
    let reply: unknown
    try {
      reply = await ipc.invoke(IPC_CALL, method, input)
    } catch (err) {
      // invoke itself failed: the input could not be cloned, or the main process has no handler.
      throw callError('internal', `the call ${method} did not reach the Workbench: ${messageOf(err)}`)
    }
    if (!isReply(reply)) throw callError('internal', `the call ${method} got a malformed reply from the main process`)
    if (reply.ok) return reply.result
    const { code, message, details } = reply.error
    throw callError(String(code), String(message), details)
  }

  return {
    call: call as WorkbenchBridge['call'],
    subscribe: ((event: string, handler: (payload: unknown) => void) => {
      if (!knownEvents.has(event)) throw new Error(`unknown event ${JSON.stringify(event)}: subscribe to one of the contract's events`)
      if (typeof handler !== 'function') throw new Error(`subscribe("${event}") needs a handler function`)
      return fanout.add(event, handler)
    }) as WorkbenchBridge['subscribe'],
    onNavigate(handler: (screen: ScreenName) => void): () => void {
      if (typeof handler !== 'function') throw new Error('onNavigate needs a handler function')
      return fanout.add(UI_NAVIGATE, (payload) => {
        const screen = (payload as { screen?: unknown } | null)?.screen
        if (typeof screen === 'string' && knownScreens.has(screen)) handler(screen as ScreenName)
      })
    }
  }
}
