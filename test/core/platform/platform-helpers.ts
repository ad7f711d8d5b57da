/**
 * The mock platform over real parts: a Workbench on a database in a temp folder, with API
 * credentials and the platform's API listening on 127.0.0.1:0.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'

export interface PlatformWorkbench {
  wb: Workbench
  dir: string
  dbFile: string
  apiKey: string
  secret: string
  /** `http://127.0.0.1:PORT/v1` */
  baseUrl: string
  onClose(fn: () => Promise<void>): void
  close(): Promise<void>
}

export async function openPlatformWorkbench(options: { rate?: number; burst?: number; dir?: string; secret?: string; rateClock?: () => number } = {}): Promise<PlatformWorkbench> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-platform-'))
  const dbFile = path.join(dir, 'workbench.sqlite')
  const wb = await createWorkbench({ db: dbFile, background: false, platformRateClock: options.rateClock })
  // A reopened folder keeps its credentials; the secret is shown only once, so the caller passes it back in.
  const existing = await wb.credentials.get({})
  const creds = existing ?? (await wb.credentials.create({}))
  const apiKey = creds.apiKey
  const secret = creds.secret ?? options.secret ?? ''
  const status = await wb.platform.start({ port: 0, host: '127.0.0.1', rate: options.rate ?? 100, burst: options.burst ?? 200 })
  const cleanups: (() => Promise<void>)[] = []
  let closed = false
  return {
    wb,
    dir,
    dbFile,
    apiKey,
    secret,
    baseUrl: status.baseUrl ?? '',
    onClose: (fn) => cleanups.push(fn),
    async close() {
      if (closed) return
      closed = true
      await wb.close()
      for (const fn of cleanups) await fn()
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
