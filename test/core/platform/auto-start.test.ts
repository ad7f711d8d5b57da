/**
 * "Run by the desktop app and serve when enabled": a Workbench opened with background work
 * (what the app and `serve` do) starts the mock platform's API when the setting says so,
 * and still opens when its port is taken, with the error in the platform's status.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'

const open: Workbench[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const wb of open.splice(0)) await wb.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function workbench(db: string, background: boolean): Promise<Workbench> {
  const wb = await createWorkbench({ db, background })
  open.push(wb)
  return wb
}

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-platform-auto-'))
  dirs.push(dir)
  return path.join(dir, 'w.sqlite')
}

describe('platform auto-start', () => {
  it('starts the API with the app and serve only when enabled', async () => {
    const db = tempDb()
    const first = await workbench(db, true)
    expect((await first.platform.status({})).running).toBe(false)
    await first.settings.update({ platformAutoStart: true, platformPort: 0 })
    await first.close()
    open.splice(0)

    const app = await workbench(db, true)
    const status = await app.platform.status({})
    expect(status.running).toBe(true)
    const res = await fetch(`${status.baseUrl ?? ''}/openapi.json`)
    expect(res.status).toBe(200)
    await app.close()
    open.splice(0)

    // One-shot CLI commands (no background work) never start it.
    const cli = await workbench(db, false)
    expect((await cli.platform.status({})).running).toBe(false)
  })

  it('opens anyway when the port is taken, and says so in the status', async () => {
    const blocker = http.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const db = tempDb()
      const first = await workbench(db, false)
      await first.settings.update({ platformAutoStart: true, platformPort: port })
      await first.close()
      open.splice(0)
      const app = await workbench(db, true)
      const status = await app.platform.status({})
      expect(status.running).toBe(false)
      expect(status.error).toContain(`port ${port}`)
    } finally {
      blocker.close()
    }
  })
})
