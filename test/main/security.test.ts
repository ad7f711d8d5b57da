import { EventEmitter } from 'node:events'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { App, Session, WebContents } from 'electron'

const electron = vi.hoisted(() => ({ openExternal: vi.fn(async (_url: string) => {}) }))
vi.mock('electron', () => ({ shell: { openExternal: electron.openExternal } }))

const {
  CONTENT_SECURITY_POLICY,
  applySessionSecurity,
  contentSecurityPolicy,
  hardenWebContents,
  installAppSecurity,
  safeExternalUrl
} = await import('../../src/main/security')

const rendererFile = path.resolve('/opt/workbench/out/renderer/index.html')
const page = { rendererFile }
const ownUrl = pathToFileURL(rendererFile).href

/** The parts of a webContents the hardening touches, recording what it registers. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler
  }
  /** Emits an Electron-style event object and reports whether a listener prevented it. */
  fire(name: string, url: string): boolean {
    let prevented = false
    this.emit(name, { url, preventDefault: () => (prevented = true) })
    return prevented
  }
}

function hardened(): FakeContents {
  const contents = new FakeContents()
  hardenWebContents(contents as unknown as WebContents, page)
  return contents
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void
) => void
type RequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void
type CheckHandler = (wc: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean

function fakeSession() {
  const s = {
    filter: null as { urls: string[] } | null,
    headersListener: null as HeadersListener | null,
    requestHandler: null as RequestHandler | null,
    checkHandler: null as CheckHandler | null,
    deviceHandler: null as (() => boolean) | null,
    webRequest: {
      onHeadersReceived(filter: { urls: string[] }, listener: HeadersListener) {
        s.filter = filter
        s.headersListener = listener
      }
    },
    setPermissionRequestHandler(h: RequestHandler) {
      s.requestHandler = h
    },
    setPermissionCheckHandler(h: CheckHandler) {
      s.checkHandler = h
    },
    setDevicePermissionHandler(h: () => boolean) {
      s.deviceHandler = h
    }
  }
  return s
}

function headersFor(s: ReturnType<typeof fakeSession>, url: string, responseHeaders?: Record<string, string[]>) {
  let result: { responseHeaders?: Record<string, string[] | string> } | undefined
  s.headersListener!({ url, responseHeaders }, (r) => (result = r))
  return result!
}

function requestPermission(s: ReturnType<typeof fakeSession>, permission: string, requestingUrl: string): boolean {
  let granted: boolean | undefined
  s.requestHandler!({}, permission, (g) => (granted = g), { requestingUrl })
  return granted!
}

beforeEach(() => {
  electron.openExternal.mockClear()
})

describe('safeExternalUrl', () => {
  it('accepts plain http and https links', () => {
    expect(safeExternalUrl('https://docs.example.com/webhooks#signing')).toBe('https://docs.example.com/webhooks#signing')
    expect(safeExternalUrl('http://localhost:3000/hook')).toBe('http://localhost:3000/hook')
  })

  it.each([
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['smb://attacker/share'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://user:pass@example.com/'],
    ['https://token@example.com/'],
    ['https://example.com/ --flag'],
    ['https://example.com/\nnext'],
    ['https://'],
    ['not a url'],
    [''],
    ['https://example.com/' + 'a'.repeat(3000)]
  ])('refuses %j', (raw) => {
    expect(safeExternalUrl(raw)).toBeNull()
  })

  it('refuses non-strings', () => {
    expect(safeExternalUrl(undefined)).toBeNull()
    expect(safeExternalUrl({ href: 'https://example.com' })).toBeNull()
  })
})

describe('hardenWebContents', () => {
  it('blocks navigation away from our page and opens a safe link in the system browser instead', () => {
    const contents = hardened()
    expect(contents.fire('will-navigate', 'https://example.com/docs')).toBe(true)
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.com/docs')
  })

  it('blocks navigation to a dangerous URL without opening anything', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const contents = hardened()
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.fire('will-navigate', 'javascript:alert(1)')).toBe(true)
    expect(electron.openExternal).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('lets our own page reload itself and blocks redirects elsewhere', () => {
    const contents = hardened()
    expect(contents.fire('will-navigate', `${ownUrl}#/inbox`)).toBe(false)
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(electron.openExternal).not.toHaveBeenCalled()
  })

  it('denies every new window, handing safe links to the system browser', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const contents = hardened()
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: ownUrl })).toEqual({ action: 'deny' })
    expect(electron.openExternal).toHaveBeenCalledTimes(1)
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.com/')
    warn.mockRestore()
  })

  it('blocks <webview> attachment', () => {
    const contents = hardened()
    let prevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {})
    expect(prevented).toBe(true)
  })

  it('is applied to every webContents the app creates', () => {
    const app = new EventEmitter()
    installAppSecurity(app as unknown as App, page)
    const contents = new FakeContents()
    app.emit('web-contents-created', {}, contents)
    expect(contents.openHandler).not.toBeNull()
    expect(contents.fire('will-navigate', 'https://example.com/')).toBe(true)
  })
})

describe('applySessionSecurity', () => {
  it('sends the strict CSP on our page and leaves other responses alone', () => {
    const s = fakeSession()
    applySessionSecurity(s as unknown as Session, page)
    expect(s.filter!.urls).toEqual(['file://*/*'])
    const ours = headersFor(s, ownUrl, { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] })
    expect(ours.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    expect(headersFor(s, pathToFileURL('/tmp/other.html').href)).toEqual({})
  })

  it('uses exactly the documented policy', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "worker-src 'self' blob:",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'"
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive)
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(contentSecurityPolicy(page)).toBe(CONTENT_SECURITY_POLICY)
  })

  it('relaxes only script inlining and the HMR socket under the dev server', () => {
    const dev = { rendererFile, devServerUrl: 'http://localhost:5173' }
    const csp = contentSecurityPolicy(dev)
    expect(csp).toContain("script-src 'self' 'unsafe-inline'")
    expect(csp).toContain("connect-src 'self' ws://localhost:5173")
    expect(csp).toContain("object-src 'none'")
    const s = fakeSession()
    applySessionSecurity(s as unknown as Session, dev)
    expect(s.filter!.urls).toEqual(['file://*/*', 'http://localhost:5173/*'])
    expect(headersFor(s, 'http://localhost:5173/').responseHeaders!['Content-Security-Policy']).toEqual([csp])
  })

  it('denies every permission request and check, except clipboard writes from our own page', () => {
    const s = fakeSession()
    applySessionSecurity(s as unknown as Session, page)
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'hid', 'fullscreen']) {
      expect(requestPermission(s, permission, ownUrl)).toBe(false)
      expect(s.checkHandler!({}, permission, 'file:///', { requestingUrl: ownUrl })).toBe(false)
    }
    expect(requestPermission(s, 'clipboard-sanitized-write', ownUrl)).toBe(true)
    expect(s.checkHandler!({}, 'clipboard-sanitized-write', 'file:///', { requestingUrl: ownUrl })).toBe(true)
    expect(requestPermission(s, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(s.checkHandler!({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false)
    expect(s.deviceHandler!()).toBe(false)
  })
})
