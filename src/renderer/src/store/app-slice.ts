/**
 * App-wide state: error and info toasts, the web socket's connection state, whether the
 * web transport was refused for a missing token, and the engine's app.info.
 * Every other slice reports failures through `app.reportError` so they land in one place.
 */
import type { MethodOutput } from '../../../shared/contract'
import { call } from '../api/client'
import { errorCode, errorMessage } from './errors'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export type ToastKind = 'error' | 'info' | 'success'

export interface Toast {
  id: number
  kind: ToastKind
  text: string
}

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'n/a'

export interface AppSlice {
  app: {
    toasts: Toast[]
    connection: ConnectionState
    /** The web transport answered 401: the page was opened without the serve token. */
    unauthorized: boolean
    info: MethodOutput<'app.info'> | null
    loadInfo(): Promise<void>
    /** Shows an error toast (text only); flips `unauthorized` for a 401. */
    reportError(err: unknown, context?: string): void
    toast(kind: ToastKind, text: string): void
    dismissToast(id: number): void
    setConnection(state: ConnectionState): void
  }
}

let nextToastId = 1
/** Toasts close by themselves except errors, which stay until read. */
const AUTO_CLOSE_MS = 4000
/** A burst of failures should not bury the screen. */
const MAX_TOASTS = 5

export const createAppSlice: SliceCreator<AppSlice> = (set, get) => {
  const patch = nestedSetter(set, 'app')
  return {
    app: {
      toasts: [],
      connection: 'connecting',
      unauthorized: false,
      info: null,
      async loadInfo() {
        try {
          patch({ info: await call('app.info', {}) })
        } catch (err) {
          get().app.reportError(err, 'Reading app info')
        }
      },
      reportError(err, context) {
        if (errorCode(err) === 'unauthorized') {
          patch({ unauthorized: true })
          return
        }
        const text = context ? `${context}: ${errorMessage(err)}` : errorMessage(err)
        get().app.toast('error', text)
      },
      toast(kind, text) {
        const id = nextToastId++
        patch((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-MAX_TOASTS) }))
        if (kind !== 'error') setTimeout(() => get().app.dismissToast(id), AUTO_CLOSE_MS)
      },
      dismissToast(id) {
        patch((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
      },
      setConnection(connection) {
        patch({ connection })
      }
    }
  }
}
