import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'
import { ListenerInput } from '../../../src/shared/models'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function workbench(): Promise<Workbench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  const wb = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), transport: 'web', background: false })
  cleanups.push(() => wb.close())
  return wb
}

/** Holds a free port with a plain server, as another program would. */
async function holdPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return (server.address() as net.AddressInfo).port
}

// Issue 6, item 20: a new listener defaulted to 8443 even when that port was taken.
describe('listeners.suggestPort', () => {
  it('proposes the preferred port when it is free', async () => {
    const wb = await workbench()
    const port = await holdPort()
    // Freed again: now the preferred port can be proposed as is.
    await cleanups.pop()!()
    expect((await wb.listeners.suggestPort({ host: '127.0.0.1', preferred: port })).port).toBe(port)
  })

  it('skips a port another program holds', async () => {
    const wb = await workbench()
    const port = await holdPort()
    const { port: suggested } = await wb.listeners.suggestPort({ host: '127.0.0.1', preferred: port })
    expect(suggested).not.toBe(port)
    // What it proposes really binds.
    const probe = net.createServer()
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen({ host: '127.0.0.1', port: suggested }, resolve)
    })
    await new Promise<void>((resolve) => probe.close(() => resolve()))
  })

  it('skips the port of a saved listener even while it is stopped', async () => {
    const wb = await workbench()
    const port = await holdPort()
    await cleanups.pop()!()
    await wb.listeners.create(ListenerInput.parse({ name: 'saved', protocol: 'http', port }))
    expect((await wb.listeners.suggestPort({ host: '127.0.0.1', preferred: port })).port).not.toBe(port)
  })
})
