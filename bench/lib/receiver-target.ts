/**
 * One server under test for bench/receiver.ts, in its own process:
 *   bare      node:https reading the body and answering 200 {"received":true}
 *   mockttp   mockttp 4.6.5 (HTTP Toolkit's engine) answering 200 and recording every request
 *   listener  a Workbench HTTPS listener (temporary database): the full capture
 * argv: KIND CERT_DIR SECRET. Prints one JSON line {url, certDir}. On each stdin line
 * "stats" it prints {cpuUs, rows}: this process's CPU since start (every thread) and, for
 * the listener, the committed capture rows (mockttp: requests recorded).
 */
import fs from 'node:fs'
import https from 'node:https'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import type { AddressInfo } from 'node:net'
import Database from 'better-sqlite3'

const [kind, certDirArg, secret] = process.argv.slice(2)

/** The slice of mockttp's API used here. */
interface MockttpModule {
  getLocal(options: { https: { key: string; cert: string } }): {
    start(): Promise<void>
    stop(): Promise<void>
    port: number
    forPost(path: string): { thenReply(status: number, body: string): Promise<{ getSeenRequests(): Promise<unknown[]> }> }
  }
}

async function start(): Promise<{ url: string; certDir: string; rows(): Promise<number>; close(): Promise<void> }> {
  if (kind === 'listener') {
    const { createWorkbench } = await import('../../src/core/workbench')
    const { ListenerInput } = await import('../../src/shared/models')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-recv-'))
    const dbFile = path.join(dir, 'bench.sqlite')
    const wb = await createWorkbench({ db: dbFile, background: false })
    const listener = await wb.listeners.create(ListenerInput.parse({ name: 'bench', port: 0, secrets: [secret], useApiSecret: false }))
    const state = await wb.listeners.start({ id: listener.id })
    if (!state.url) throw new Error(`listener did not start: ${state.error}`)
    // A second connection sees only committed rows: the durability check counts those.
    const reader = new Database(dbFile, { readonly: true })
    const count = reader.prepare('SELECT COUNT(*) AS n FROM captures')
    return {
      url: `${state.url}webhooks`,
      certDir: path.join(wb.dataDir, 'tls'),
      rows: async () => (count.get() as { n: number }).n,
      async close() {
        reader.close()
        await wb.close()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  const cert = fs.readFileSync(path.join(certDirArg, 'leaf.pem'), 'utf8')
  const key = fs.readFileSync(path.join(certDirArg, 'leaf-key.pem'), 'utf8')
  if (kind === 'bare') {
    const server = https.createServer({ cert, key }, (req, res) => {
      req.on('data', () => undefined)
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"received":true}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
      certDir: certDirArg,
      rows: async () => 0,
      close: () => new Promise((resolve) => server.close(() => resolve()))
    }
  }
  if (kind === 'mockttp') {
    // A variable specifier: the bench still type-checks where the devDependency is not installed.
    // BENCH_MOCKTTP_FROM (a folder whose node_modules holds mockttp) serves a shared checkout
    // whose node_modules lacks it.
    const from = process.env.BENCH_MOCKTTP_FROM
    const name = from ? createRequire(path.join(from, 'package.json')).resolve('mockttp') : 'mockttp'
    const { getLocal } = (await import(name)) as MockttpModule
    const server = getLocal({ https: { key, cert } })
    await server.start()
    // The two-argument thenReply: with a headers argument replies hang under autocannon (stack notes).
    const endpoint = await server.forPost('/webhooks').thenReply(200, '{"received":true}')
    return {
      url: `https://127.0.0.1:${server.port}/webhooks`,
      certDir: certDirArg,
      rows: async () => (await endpoint.getSeenRequests()).length,
      close: () => server.stop()
    }
  }
  throw new Error(`unknown target kind ${kind}: use bare, mockttp or listener`)
}

const target = await start()
const cpu0 = process.cpuUsage()
process.stdout.write(`${JSON.stringify({ url: target.url, certDir: target.certDir })}\n`)
const rl = readline.createInterface({ input: process.stdin })
rl.on('line', (line) => {
  if (line.trim() !== 'stats') return
  void target.rows().then((rows) => {
    const c = process.cpuUsage(cpu0)
    process.stdout.write(`${JSON.stringify({ cpuUs: c.user + c.system, rows })}\n`)
  })
})
rl.on('close', () => {
  void target.close().finally(() => process.exit(0))
})
