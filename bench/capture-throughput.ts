/**
 * Capture throughput: how fast a Workbench HTTPS listener captures signed Smart KYC
 * webhooks, as a ratio to a bare node:https server that only answers 200, measured in the
 * same run with alternating rounds (the machine is shared and noisy: absolute numbers
 * mean little, the ratio is what to watch). Also checks durability: after every listener
 * round, the rows added must cover every request that was answered 2xx.
 *
 * Run: node bin/run-ts.mjs bench/capture-throughput.ts (`npm run bench` runs bench/receiver.ts, its successor).
 * Tune with BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS (50). Prints; never asserts timings.
 */
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { createWorkbench, type Workbench } from '../src/core/workbench'
import { ListenerInput } from '../src/shared/models'

const ROUNDS = positiveInt('BENCH_ROUNDS', 3)
const SECONDS = positiveInt('BENCH_SECONDS', 5)
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50)
const SECRET = 'skyc_sec_bench_0123456789abcdef0123456789abcdef'
const BODY_BYTES = 500

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw} is not a positive whole number`)
  return n
}

/** A realistic aml.match.found payload, padded to exactly BODY_BYTES bytes. */
function payload(): Buffer {
  const base = {
    event: 'aml.match.found',
    timestamp: '2024-01-15T10:30:00Z',
    data: {
      submissionId: 'sub_123456',
      matchType: 'sanctions',
      matchScore: 0.95,
      matchedName: 'John Doe',
      sourceList: 'OFAC',
      riskLevel: 'high',
      note: ''
    },
    tenantId: 'tenant_123456'
  }
  const size = Buffer.byteLength(JSON.stringify(base))
  base.data.note = 'x'.repeat(BODY_BYTES - size)
  const body = Buffer.from(JSON.stringify(base))
  if (body.length !== BODY_BYTES) throw new Error(`payload is ${body.length} bytes, expected ${BODY_BYTES}`)
  return body
}

/** The baseline: node:https reading the body and answering what the listener answers by default. */
async function startBare(cert: string, key: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer({ cert, key }, (req, res) => {
    req.on('data', () => undefined)
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"received":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

interface RoundResult {
  reqPerSec: number
  p50: number
  p99: number
  ok2xx: number
  non2xx: number
  errors: number
  sent: number
}

/** Runs autocannon in its own process, so load generation does not share the servers' event loop. */
function autocannon(url: string, body: Buffer, signature: string): Promise<RoundResult> {
  const bin = createRequire(import.meta.url).resolve('autocannon')
  const args = [
    bin,
    '--connections', String(CONNECTIONS),
    '--duration', String(SECONDS),
    '--method', 'POST',
    '--headers', 'Content-Type=application/json',
    '--headers', `X-SmartKYC-Signature=${signature}`,
    '--body', body.toString('utf8'),
    '--json',
    url
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.trim()}`))
      const r = JSON.parse(out) as {
        requests: { average: number; sent: number }
        latency: { p50: number; p99: number }
        '2xx': number
        non2xx: number
        errors: number
      }
      resolve({
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ok2xx: r['2xx'],
        non2xx: r.non2xx,
        errors: r.errors,
        sent: r.requests.sent
      })
    })
  })
}

async function rowCount(wb: Workbench): Promise<number> {
  return (await wb.captures.list({ limit: 1 })).total
}

/** Microseconds of this process's CPU (user + system) since `start`, per request sent. */
function cpuPerRequest(start: NodeJS.CpuUsage, requests: number): number {
  const used = process.cpuUsage(start)
  return requests > 0 ? (used.user + used.system) / requests : 0
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-'))
  const wb = await createWorkbench({ db: path.join(dir, 'bench.sqlite'), background: false })
  let bare: Awaited<ReturnType<typeof startBare>> | undefined
  let failed = false
  try {
    const listener = await wb.listeners.create(ListenerInput.parse({ name: 'bench', port: 0, secrets: [SECRET], useApiSecret: false }))
    const state = await wb.listeners.start({ id: listener.id })
    if (!state.url) throw new Error(`listener did not start: ${state.error}`)
    // The same certificate as the listener, so both sides pay the same TLS cost.
    const tlsDir = path.join(wb.dataDir, 'tls')
    bare = await startBare(fs.readFileSync(path.join(tlsDir, 'leaf.pem'), 'utf8'), fs.readFileSync(path.join(tlsDir, 'leaf-key.pem'), 'utf8'))

    const body = payload()
    const signature = createHmac('sha256', SECRET).update(body).digest('hex')
    console.log(
      `capture-throughput: ${ROUNDS} rounds x ${SECONDS} s per target, ${CONNECTIONS} connections, ` +
        `${BODY_BYTES}-byte signed JSON over HTTPS on 127.0.0.1; node ${process.version}, ${os.cpus().length} CPUs`
    )
    const bareRates: number[] = []
    const listenerRates: number[] = []
    // Server-side CPU per request (this whole process: event loop, libuv and SQLite threads),
    // a steadier view than req/s when other work shares the cores.
    const bareCpuUs: number[] = []
    const listenerCpuUs: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const bareCpu = process.cpuUsage()
      const b = await autocannon(bare.url, body, signature)
      const bareUs = cpuPerRequest(bareCpu, b.sent)
      bareRates.push(b.reqPerSec)
      bareCpuUs.push(bareUs)
      console.log(
        `round ${round}  bare      ${fmt(b.reqPerSec).padStart(7)} req/s  p50 ${b.p50} ms  p99 ${b.p99} ms  cpu ${fmt(bareUs)} us/req  ` +
          `2xx ${fmt(b.ok2xx)}  errors ${b.errors}`
      )

      const before = await rowCount(wb)
      const listenerCpu = process.cpuUsage()
      const l = await autocannon(`${state.url}webhooks`, body, signature)
      // Requests cut off when autocannon stops may still be committing: let them land.
      await sleep(500)
      const listenerUs = cpuPerRequest(listenerCpu, l.sent)
      listenerCpuUs.push(listenerUs)
      const rows = (await rowCount(wb)) - before
      listenerRates.push(l.reqPerSec)
      const durable = rows >= l.ok2xx && rows <= l.sent
      if (!durable) failed = true
      const check = rows === l.ok2xx ? 'rows == 2xx' : `rows ${durable ? '>' : 'MISMATCH vs'} 2xx (${fmt(rows - l.ok2xx)} in flight at the end; sent ${fmt(l.sent)})`
      console.log(
        `round ${round}  listener  ${fmt(l.reqPerSec).padStart(7)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms  cpu ${fmt(listenerUs)} us/req  ` +
          `2xx ${fmt(l.ok2xx)}  ` +
          `non-2xx ${l.non2xx}  errors ${l.errors}  rows +${fmt(rows)}  ${check}`
      )
    }
    const mb = median(bareRates)
    const ml = median(listenerRates)
    console.log(`median    bare ${fmt(mb)} req/s   listener ${fmt(ml)} req/s   ratio listener/bare ${(ml / mb).toFixed(2)}x`)
    // The load from other processes drifts during a run; the ratio within each round (the
    // two targets measured back to back) is steadier than the ratio of the two medians.
    const perRound = listenerRates.map((l, i) => l / bareRates[i])
    console.log(`median    of per-round ratios ${median(perRound).toFixed(2)}x (rounds: ${perRound.map((r) => r.toFixed(2)).join(' ')})`)
    console.log(`median    server cpu per request: bare ${fmt(median(bareCpuUs))} us   listener ${fmt(median(listenerCpuUs))} us`)
    console.log(
      failed
        ? 'DURABILITY CHECK FAILED: a listener round answered 2xx to more requests than it stored (or stored more than were sent)'
        : 'durability: every request answered 2xx has its row in the database'
    )
  } finally {
    await bare?.close()
    await wb.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  if (failed) process.exitCode = 1
}

await main()
