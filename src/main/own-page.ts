/**
 * Which page is ours: the built renderer loaded from disk, or the electron-vite dev server
 * in development. Pure functions over URLs, so the IPC sender check, the CSP filter and the
 * navigation guard share one definition and are tested without Electron.
 */
import { pathToFileURL } from 'node:url'

export interface OwnPage {
  /** Absolute path of out/renderer/index.html. */
  rendererFile: string
  /** The dev server URL (ELECTRON_RENDERER_URL) when running `electron-vite dev`; unset otherwise. */
  devServerUrl?: string
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/** True when `rawUrl` is our page: the exact renderer file, or any path on the dev server's origin. */
export function isOwnPageUrl(rawUrl: string, page: OwnPage): boolean {
  const url = parse(rawUrl)
  if (!url) return false
  if (url.protocol === 'file:') {
    // Hash (#/inbox) and query are the page's own routing; the file itself must match exactly.
    return url.pathname === pathToFileURL(page.rendererFile).pathname && url.host === ''
  }
  if (!page.devServerUrl) return false
  const dev = parse(page.devServerUrl)
  return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent?: unknown
  readonly detached?: boolean
  isDestroyed?(): boolean
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string }

/**
 * Whether an IPC call may run: it must come from a live, top-level frame showing our page.
 * A destroyed or navigated-away frame (senderFrame null) and any other page (a link the
 * user followed, an injected iframe) are refused before the dispatcher sees the call.
 */
export function checkSender(frame: FrameLike | null | undefined, page: OwnPage): SenderVerdict {
  if (!frame) return { ok: false, reason: 'the calling frame is gone (navigated away or destroyed)' }
  try {
    if (frame.isDestroyed?.() || frame.detached) return { ok: false, reason: 'the calling frame is destroyed' }
    if (frame.parent) return { ok: false, reason: 'calls from sub-frames are not accepted' }
    const url = frame.url
    if (!isOwnPageUrl(url, page)) return { ok: false, reason: `the calling page ${JSON.stringify(url)} is not the Workbench's own page` }
    return { ok: true }
  } catch {
    // Reading a disposed WebFrameMain throws; that is the destroyed case too.
    return { ok: false, reason: 'the calling frame is destroyed' }
  }
}
