// The health alert reaches the desktop: src/main/index.ts with a stand-in for Electron's
// modules and a real Workbench. Through IPC the window saves an endpoint pointed at a real
// local sink that answers 500 and sends to it; the engine's alert monitor sees the rate fall
// below the threshold and the main process shows one desktop notification that opens Endpoints.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CALL, IPC_EVENT, UI_NAVIGATE, type PushedEvent } from '../../src/shared/ipc-channels'

const fake = await vi.hoisted(async () => {
  const electron = (await import('./fake-electron')).createFakeElectron()
  // The user is in their editor: notifications are not suppressed.
  Object.assign(electron.state, { focused: false, notificationsSupported: true })
  return electron
})
vi.mock('electron', () => fake.module)

const savedEnv = { ...process.env }
let dataDir: string
let sink: http.Server

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  process.env.KYC_HOOKS_DATA_DIR = dataDir
  delete process.env.KYC_HOOKS_DB
  delete process.env.ELECTRON_RENDERER_URL
  process.env.KYC_HOOKS_ELECTRON_SQLITE = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  vi.resetModules()
  sink = http.createServer((_req, res) => {
    res.writeHead(500)
    res.end('down')
  })
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve))
})

afterEach(async () => {
  process.env = { ...savedEnv }
  sink.closeAllConnections()
  await new Promise<void>((resolve) => sink.close(() => resolve()))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('health alert in the desktop app', () => {
  it('shows one desktop notification when an endpoint falls below the threshold; a click opens Endpoints', async () => {
    await import('../../src/main/index')
    fake.state.ready!()
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1), { timeout: 20_000 })

    const frame = { url: pathToFileURL(path.resolve('src/renderer/index.html')).href, parent: null, isDestroyed: () => false }
    const handler = fake.state.handlers.get(IPC_CALL)!
    const call = async (method: string, input: unknown): Promise<Record<string, unknown>> => {
      const reply = (await handler({ senderFrame: frame }, method, input)) as { ok: boolean; result: Record<string, unknown>; error?: unknown }
      expect(reply.ok, JSON.stringify(reply.error)).toBe(true)
      return reply.result
    }
    await call('credentials.create', {})
    // The retry waits ten minutes: the delivery stays pending, so the one alert is the health alert.
    await call('settings.update', { healthAlertThresholdPercent: 80, retryScheduleMs: [600_000] })
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hooks`
    const endpoint = await call('endpoints.create', { name: 'Orders API', url, allowLocalHttp: true })
    await call('send.event', { event: 'submission.created', body: '{"event":"submission.created"}', endpointIds: [endpoint.id] })

    await vi.waitFor(() => expect(fake.state.notifications).toHaveLength(1), { timeout: 20_000 })
    const [notification] = fake.state.notifications
    expect(notification.options).toEqual({
      title: 'Webhook success rate below your threshold',
      body: 'Orders API: 0% of 1 attempt succeeded in the last 1h (threshold 80%)'
    })
    expect(notification.shown).toBe(true)

    // The window received the event too (the browser UI's banner comes from it).
    const pushed = fake.state.sent.flatMap((s) => (s.channel === IPC_EVENT ? (s.batch as PushedEvent[]) : []))
    expect(pushed.filter((p) => p.event === 'health.alert')).toMatchObject([{ payload: { state: 'below', endpointId: endpoint.id, successRate: 0 } }])

    notification.emit('click')
    await vi.waitFor(() => {
      const again = fake.state.sent.flatMap((s) => (s.channel === IPC_EVENT ? (s.batch as PushedEvent[]) : []))
      expect(again.filter((p) => p.event === UI_NAVIGATE).map((p) => p.payload)).toContainEqual({ screen: 'endpoints' })
    })

    const quitDone = new Promise<void>((resolve) => (fake.state.quitResolved = resolve))
    fake.module.app.quit()
    await quitDone
  })
})
