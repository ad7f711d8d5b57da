/**
 * Defence in depth for the window: a strict Content-Security-Policy header on our page,
 * no navigation away from it, no new windows, no webviews, no permissions (except writing
 * to the clipboard from our own page), and external links only to validated http(s) URLs,
 * opened in the system browser.
 */
import { shell, type App, type Session, type WebContents } from 'electron'
import { contentSecurityPolicy as buildContentSecurityPolicy } from '../shared/content-security-policy'
import { isOwnPageUrl, type OwnPage } from './own-page'
import { messageOf } from '../shared/errors'

/**
 * The policy sent as a header. The page also carries the meta tag built from the same
 * builder (the page enforces both, so neither may be looser than what the UI needs); the
 * header adds what only a header can carry (frame-ancestors).
 */
export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy()

/**
 * The policy for our page. Under `electron-vite dev` the React refresh preamble is an
 * inline script and hot reload talks over a WebSocket to the dev server, so development
 * (and only development) allows those two.
 */
export function contentSecurityPolicy(page: OwnPage): string {
  if (!page.devServerUrl) return CONTENT_SECURITY_POLICY
  const ws = new URL(page.devServerUrl)
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:'
  return buildContentSecurityPolicy({ inlineScripts: true, connect: [ws.origin] })
}

const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * The URL to hand to the system browser, or null when it must not be opened: only http
 * and https, with a host, without embedded credentials, without whitespace or control
 * characters (which some OS URL handlers split on), and of a sane length.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '') return null
  if (url.hostname === '') return null
  return url.href
}

/** Opens a validated http(s) URL in the system browser; anything else is dropped. Returns whether it opened. */
export function openExternalSafely(raw: unknown): boolean {
  const url = safeExternalUrl(raw)
  if (!url) {
    console.warn(`workbench: refused to open ${JSON.stringify(String(raw)).slice(0, 200)} outside the app`)
    return false
  }
  shell.openExternal(url).catch((err: unknown) => {
    console.warn(`workbench: the system browser could not open ${url}: ${messageOf(err)}`)
  })
  return true
}

/** The one permission our page may use: Copy buttons need navigator.clipboard.writeText. */
function isAllowedPermission(permission: string, requestingUrl: string | undefined, page: OwnPage): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isOwnPageUrl(requestingUrl, page)
}

/**
 * Session-wide rules: the CSP header on our page's responses, and permission handlers
 * that refuse every request and check (camera, notifications, geolocation, HID, ...).
 */
export function applySessionSecurity(session: Session, page: OwnPage): void {
  const csp = contentSecurityPolicy(page)
  const urls = ['file://*/*']
  if (page.devServerUrl) urls.push(`${new URL(page.devServerUrl).origin}/*`)
  session.webRequest.onHeadersReceived({ urls }, (details, callback) => {
    if (!isOwnPageUrl(details.url, page)) {
      callback({})
      return
    }
    const headers: Record<string, string[] | string> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [csp]
    callback({ responseHeaders: headers })
  })

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowedPermission(permission, details.requestingUrl, page))
  })
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isAllowedPermission(permission, details.requestingUrl, page)
  )
  session.setDevicePermissionHandler(() => false)
}

/**
 * Per-page rules, applied to every webContents the app creates: the page may not navigate
 * away (a followed link opens in the system browser instead), may not open windows and
 * may not attach a <webview>.
 */
export function hardenWebContents(contents: WebContents, page: OwnPage): void {
  contents.on('will-navigate', (event) => {
    if (isOwnPageUrl(event.url, page)) return
    event.preventDefault()
    openExternalSafely(event.url)
  })
  contents.on('will-redirect', (event) => {
    if (isOwnPageUrl(event.url, page)) return
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}

/** Hardens every webContents as soon as it exists, before it loads anything. */
export function installAppSecurity(app: App, page: OwnPage): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page))
}
