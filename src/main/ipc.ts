/**
 * The Workbench over Electron IPC: one invoke handler for every contract call and one
 * batched push channel for bus events. Written against small interfaces (IpcMainLike,
 * EventTarget) instead of Electron's classes, so tests drive it directly.
 */
import type { BridgeReply } from '../shared/bridge'
import { IPC_CALL, IPC_EVENT, UI_NAVIGATE, type PushedEvent } from '../shared/ipc-channels'
import type { EventKey, EventPayload } from '../shared/contract'
import { createEventBatcher, type EventBatcherOptions } from '../shared/event-batcher'
import { checkSender, type FrameLike, type OwnPage } from './own-page'
import { messageOf } from '../shared/errors'

/** The part of an IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null
}

/** The part of Electron's ipcMain the handler needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown> | unknown): void
  removeHandler(channel: string): void
}

/** The dispatcher's shape (src/shared/dispatcher.ts): validates, calls the Workbench, never throws. */
export interface DispatcherLike {
  dispatch(method: string, rawInput: unknown): Promise<BridgeReply<unknown>>
}

export interface IpcLogger {
  warn(message: string): void
}

/**
 * Registers the one `workbench:call` handler. Calls from anything but our own live page
 * are answered with an `unauthorized` reply and never reach the dispatcher. Returns the
 * function that removes the handler.
 */
export function registerWorkbenchIpc(options: {
  ipcMain: IpcMainLike
  dispatcher: DispatcherLike
  page: OwnPage
  log?: IpcLogger
}): () => void {
  const { ipcMain, dispatcher, page, log = console } = options
  ipcMain.handle(IPC_CALL, async (event, method, input): Promise<BridgeReply<unknown>> => {
    const verdict = checkSender(event.senderFrame, page)
    if (!verdict.ok) {
      log.warn(`workbench: refused an IPC call to ${JSON.stringify(String(method)).slice(0, 80)}: ${verdict.reason}`)
      return { ok: false, error: { code: 'unauthorized', message: `call refused: ${verdict.reason}` } }
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'bad-input', message: 'the method name must be a string such as "app.info"' } }
    }
    try {
      return await dispatcher.dispatch(method, input)
    } catch (err) {
      // The dispatcher wraps its own errors; this is the last line so a bug never rejects the invoke.
      return { ok: false, error: { code: 'internal', message: messageOf(err) } }
    }
  })
  return () => ipcMain.removeHandler(IPC_CALL)
}

/** The part of a webContents the event push needs. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/** The part of the engine's EventBus the event push needs. */
export interface BusLike {
  onAny(handler: <E extends EventKey>(event: E, payload: EventPayload<E>) => void): () => void
}

export interface EventPush {
  /** Queues a UI event (e.g. navigation from the menu) on the same channel, in order with bus events. */
  navigate(screen: string): void
  /** Stops listening to the bus and drops anything queued. */
  dispose(): void
}

/**
 * Forwards every bus event to one window on `workbench:event`, batched (~50 ms) so a burst
 * of captures arrives as a few messages. Stops by itself when the window is destroyed.
 */
export function connectEventPush(options: { bus: BusLike; target: EventTarget } & EventBatcherOptions): EventPush {
  const { bus, target } = options
  let unsubscribe: () => void = () => {}
  const batcher = createEventBatcher<PushedEvent>((batch) => {
    if (target.isDestroyed()) {
      dispose()
      return
    }
    try {
      target.send(IPC_EVENT, batch)
    } catch (err) {
      if (target.isDestroyed()) return
      // IPC structured-clones the batch; one payload that cannot be cloned must not take
      // the rest of the batch with it, so resend one by one and drop only the bad ones.
      let dropped = 0
      for (const item of batch) {
        try {
          target.send(IPC_EVENT, [item])
        } catch {
          dropped++
        }
      }
      console.warn(`workbench: dropped ${dropped} event(s) the window could not receive: ${messageOf(err)}`)
    }
  }, options)

  function dispose(): void {
    unsubscribe()
    batcher.dispose()
  }

  unsubscribe = bus.onAny((event, payload) => batcher.push({ event, payload }))
  return {
    navigate(screen) {
      batcher.push({ event: UI_NAVIGATE, payload: { screen } })
      // A keypress should feel instant; flushing also keeps it in order after queued events.
      batcher.flush()
    },
    dispose
  }
}
