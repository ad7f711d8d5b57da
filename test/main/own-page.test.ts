import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkSender, isOwnPageUrl, type FrameLike, type OwnPage } from '../../src/main/own-page'

const rendererFile = path.resolve('/opt/workbench/out/renderer/index.html')
const packaged: OwnPage = { rendererFile }
const dev: OwnPage = { rendererFile, devServerUrl: 'http://localhost:5173' }
const ownUrl = pathToFileURL(rendererFile).href

function frame(url: string, extra: Partial<FrameLike> = {}): FrameLike {
  return { url, parent: null, detached: false, isDestroyed: () => false, ...extra }
}

describe('isOwnPageUrl', () => {
  it('accepts our renderer file with its hash routes and query', () => {
    expect(isOwnPageUrl(ownUrl, packaged)).toBe(true)
    expect(isOwnPageUrl(`${ownUrl}#/inbox/cap_1`, packaged)).toBe(true)
    expect(isOwnPageUrl(`${ownUrl}?x=1#/settings`, packaged)).toBe(true)
  })

  it('matches an install folder with spaces inside the app archive (as packaged)', () => {
    const packagedFile = '/opt/Smart KYC Webhook Workbench/resources/app.asar/out/renderer/index.html'
    const url = 'file:///opt/Smart%20KYC%20Webhook%20Workbench/resources/app.asar/out/renderer/index.html#/inbox'
    expect(isOwnPageUrl(url, { rendererFile: packagedFile })).toBe(true)
  })

  it('refuses other files, look-alike paths and remote hosts', () => {
    expect(isOwnPageUrl(pathToFileURL('/tmp/evil/index.html').href, packaged)).toBe(false)
    expect(isOwnPageUrl(`${ownUrl}.evil.html`, packaged)).toBe(false)
    expect(isOwnPageUrl(pathToFileURL(path.dirname(rendererFile) + '/other.html').href, packaged)).toBe(false)
    expect(isOwnPageUrl(ownUrl.replace('file:///', 'file://evil.example/'), packaged)).toBe(false)
    expect(isOwnPageUrl('https://evil.example/', packaged)).toBe(false)
    expect(isOwnPageUrl('not a url', packaged)).toBe(false)
  })

  it('accepts the dev server only in development, and only its exact origin', () => {
    expect(isOwnPageUrl('http://localhost:5173/#/inbox', dev)).toBe(true)
    expect(isOwnPageUrl('http://localhost:5173/#/inbox', packaged)).toBe(false)
    expect(isOwnPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isOwnPageUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isOwnPageUrl('https://localhost:5173/', dev)).toBe(false)
  })
})

describe('checkSender (the IPC caller check)', () => {
  it('accepts our own live top-level page', () => {
    expect(checkSender(frame(`${ownUrl}#/inbox`), packaged)).toEqual({ ok: true })
    expect(checkSender(frame('http://localhost:5173/'), dev)).toEqual({ ok: true })
  })

  it('rejects a foreign page', () => {
    const verdict = checkSender(frame('https://evil.example/phish'), packaged)
    expect(verdict.ok).toBe(false)
    expect(verdict.ok === false && verdict.reason).toContain('https://evil.example/phish')
  })

  it('rejects a destroyed, detached or vanished frame', () => {
    expect(checkSender(frame(ownUrl, { isDestroyed: () => true }), packaged).ok).toBe(false)
    expect(checkSender(frame(ownUrl, { detached: true }), packaged).ok).toBe(false)
    expect(checkSender(null, packaged).ok).toBe(false)
    expect(checkSender(undefined, packaged).ok).toBe(false)
  })

  it('rejects a frame whose properties throw (Electron disposes WebFrameMain that way)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
      parent: null
    }
    expect(checkSender(disposed, packaged)).toEqual({ ok: false, reason: 'the calling frame is destroyed' })
  })

  it('rejects a sub-frame even when it shows our own file', () => {
    expect(checkSender(frame(ownUrl, { parent: frame(ownUrl) }), packaged).ok).toBe(false)
  })
})
