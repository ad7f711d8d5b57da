import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServe } from '../../src/cli/commands/serve'
import { REPO_ROOT } from '../e2e/harness/environment'
import { startServeProcess } from '../e2e/harness/serve-process'
import { Scratch, callApi } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

async function blockPort(): Promise<number> {
  const blocker = net.createServer()
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
  scratch.defer(() => new Promise<void>((resolve) => blocker.close(() => resolve())))
  return (blocker.address() as net.AddressInfo).port
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'kyc-hooks.mjs'), ...args], { cwd: REPO_ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('startServe (the programmatic serve)', () => {
  it('opens the Workbench for the web and serves it on the printed URL', async () => {
    const dir = scratch.dir()
    const handle = await startServe({ db: path.join(dir, 'workbench.sqlite'), port: 0 })
    scratch.defer(() => handle.close())
    expect(handle.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${handle.port}/\\?token=[A-Za-z0-9_-]{43}$`))
    expect(handle.workbench.dbFile).toBe(path.join(dir, 'workbench.sqlite'))
    const info = await callApi(handle.port, handle.token, 'app.info', {})
    expect(info.json).toMatchObject({ ok: true, result: { transport: 'web', dbFile: path.join(dir, 'workbench.sqlite') } })
    await handle.close()
    await handle.close() // idempotent
  })

  it('refuses a taken port with port-in-use', async () => {
    const port = await blockPort()
    const dir = scratch.dir()
    await expect(startServe({ db: path.join(dir, 'workbench.sqlite'), port })).rejects.toMatchObject({ code: 'port-in-use' })
  })
})

describe('kyc-hooks serve (the command)', () => {
  it('prints the URL, serves until SIGTERM, then exits 0', async () => {
    const serve = await startServeProcess()
    let stopped = false
    scratch.defer(async () => {
      if (!stopped) await serve.stop()
    })
    expect(serve.url).toBe(`http://127.0.0.1:${serve.port}/?token=${serve.token}`)
    const info = await callApi(serve.port, serve.token, 'app.info', {})
    expect(info.json).toMatchObject({ ok: true, result: { transport: 'web', dbFile: serve.dbFile } })
    const code = await serve.stop()
    stopped = true
    expect(code, serve.output()).toBe(0)
  })

  it('says in one line that the port is in use and exits 2', async () => {
    const port = await blockPort()
    const dir = scratch.dir()
    const result = await runCli(['--db', path.join(dir, 'workbench.sqlite'), 'serve', '--port', String(port)])
    expect(result.code, result.stderr).toBe(2)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`port ${port}`)
    expect(lines[0]).toContain('in use')
    expect(result.stdout).not.toContain('token=')
  })
})
