import { afterEach, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'
import { ListenerInput, type CaptureSummary } from '../../../src/shared/models'

const open: Workbench[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const wb of open.splice(0)) await wb.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** The watcher announces another process's captures after polling the file: retry for 10 s. */
const WAIT = { timeout: 10_000, interval: 50 }

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
  await res.arrayBuffer()
  return res.status
}

describe('captures made by another process on the same data file', () => {
  it('are announced live on this process, and its own captures are announced once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-ext-'))
    dirs.push(dir)
    const db = path.join(dir, 'workbench.sqlite')
    // The desktop app or `serve` (background work on) and a CLI `listen` (its own process in real life).
    const app = await createWorkbench({ db, background: true })
    open.push(app)
    const cli = await createWorkbench({ db, background: false })
    open.push(cli)
    const seen: CaptureSummary[] = []
    app.bus.on('capture.received', (s) => seen.push(s))

    const external = await cli.listeners.create(ListenerInput.parse({ name: 'cli', protocol: 'http', port: 0 }))
    const externalUrl = (await cli.listeners.start({ id: external.id })).url!
    expect(await post(`${externalUrl}from-the-terminal`, '{"event":"submission.created"}')).toBe(200)
    await vi.waitFor(() => expect(seen.map((s) => s.path)).toContain('/from-the-terminal'), WAIT)
    const fromCli = seen.find((s) => s.path === '/from-the-terminal')!
    expect(fromCli.listenerId).toBe(external.id)
    expect(fromCli.event).toBe('submission.created')

    const mine = await app.listeners.create(ListenerInput.parse({ name: 'app', protocol: 'http', port: 0 }))
    const mineUrl = (await app.listeners.start({ id: mine.id })).url!
    expect(await post(`${mineUrl}in-the-app`, '{}')).toBe(200)
    // Another external write makes the watcher read past the app's own row.
    expect(await post(`${externalUrl}second`, '{}')).toBe(200)
    await vi.waitFor(() => expect(seen.map((s) => s.path)).toContain('/second'), WAIT)
    expect(seen.filter((s) => s.path === '/in-the-app')).toHaveLength(1)
    expect(seen.filter((s) => s.path === '/from-the-terminal')).toHaveLength(1)
  })
})
