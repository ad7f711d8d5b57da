/**
 * Ordinary request latency while other senders post large bodies with a bad signature.
 * Explaining a bad signature tries up to a hundred HMACs and re-serialisations of the body
 * (about 120 ms per MiB); on the request path that stalled every other request behind it.
 *
 * One Workbench HTTP listener in this process. A prober (its own process) sends small
 * signed webhooks one after the other and records each latency; meanwhile, in alternating
 * rounds, a second process runs 8 senders posting 2 MB JSON bodies with (a) nothing,
 * (b) a valid signature, (c) a bad signature. The ratio (c)/(a) of the prober's latency,
 * measured in the same run, is the number to watch; (b) separates the cost of capturing
 * 2 MB bodies at all from the cost of their bad signature.
 *
 * Run: node bin/run-ts.mjs bench/bad-signature-latency.ts
 * Tune with BENCH_ROUNDS (2), BENCH_SECONDS (4), BENCH_SENDERS (8), BENCH_BODY_MB (2).
 * Prints; never asserts timings.
 */
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createWorkbench } from '../src/core/workbench'
import { ListenerInput } from '../src/shared/models'

const ROUNDS = positiveInt('BENCH_ROUNDS', 2)
const SECONDS = positiveInt('BENCH_SECONDS', 4)
const SENDERS = positiveInt('BENCH_SENDERS', 8)
const BODY_MB = positiveInt('BENCH_BODY_MB', 2)
const SECRET = 'skyc_sec_bench_0123456789abcdef0123456789abcdef'

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw} is not a positive whole number`)
  return n
}

type Load = 'none' | 'good' | 'bad'

// The two load generators run as plain JavaScript in their own processes, so neither
// shares the listener's event loop (which is what is being measured).
const PROBER = `
const http = require('node:http')
const { url, body, signature, seconds } = JSON.parse(process.argv[1])
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const latencies = []
const end = Date.now() + seconds * 1000
function once() {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': signature } }, (res) => {
      res.resume()
      res.on('end', () => resolve(performance.now() - started))
    })
    req.on('error', reject)
    req.end(body)
  })
}
;(async () => {
  while (Date.now() < end) {
    latencies.push(await once())
    await new Promise((r) => setTimeout(r, 10))
  }
  agent.destroy()
  process.stdout.write(JSON.stringify(latencies))
})()
`

const SENDER = `
const http = require('node:http')
const { url, bytes, senders, signature } = JSON.parse(process.argv[1])
const items = []
for (let i = 0; i < bytes / 80; i++) items.push({ i, name: 'item ' + i, note: 'x'.repeat(40) })
const body = Buffer.from(JSON.stringify({ event: 'submission.created', data: { items } }))
const sig = signature === 'good' ? require('node:crypto').createHmac('sha256', ${JSON.stringify(SECRET)}).update(body).digest('hex') : 'f'.repeat(64)
let sent = 0
const agent = new http.Agent({ keepAlive: true, maxSockets: senders })
function loop() {
  const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': sig } }, (res) => {
    res.resume()
    res.on('end', () => { sent++; loop() })
  })
  req.on('error', () => setTimeout(loop, 50))
  req.end(body)
}
for (let i = 0; i < senders; i++) loop()
process.on('SIGTERM', () => { process.stdout.write(JSON.stringify({ sent, bytes: body.length })); process.exit(0) })
`

function run(source: string, arg: unknown): { done: Promise<string>; stop(): void } {
  const child = spawn(process.execPath, ['-e', source, JSON.stringify(arg)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
  return { done, stop: () => void child.kill('SIGTERM') }
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

const ms = (n: number) => `${n.toFixed(1)} ms`
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t))

/** Waits (at most 60 s) until no capture's diagnosis is pending; returns how many still are. */
async function settle(file: string): Promise<number> {
  await sleep(1000)
  const reader = new Database(file, { readonly: true })
  try {
    const count = reader.prepare("SELECT count(*) AS n FROM captures WHERE signature_verdict LIKE '%diagnosis-pending%'")
    const deadline = Date.now() + 60_000
    for (;;) {
      const n = (count.get() as { n: number }).n
      if (n === 0 || Date.now() > deadline) return n
      await sleep(250)
    }
  } finally {
    reader.close()
  }
}

interface Round {
  p50: number
  p99: number
  max: number
  probes: number
  heavy: number
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-'))
  const wb = await createWorkbench({ db: path.join(dir, 'bench.sqlite'), background: false })
  try {
    const listener = await wb.listeners.create(
      ListenerInput.parse({ name: 'bench', port: 0, protocol: 'http', secrets: [SECRET], useApiSecret: false, bodyLimitBytes: 8 * 1024 * 1024 })
    )
    const state = await wb.listeners.start({ id: listener.id })
    if (!state.url) throw new Error(`listener did not start: ${state.error}`)
    const body = JSON.stringify({ event: 'submission.created', timestamp: '2024-01-15T10:30:00Z', data: { submissionId: 'sub_1' }, tenantId: 't_1' })
    const signature = createHmac('sha256', SECRET).update(body).digest('hex')
    console.log(
      `bad-signature-latency: ${ROUNDS} rounds x ${SECONDS} s per load, a prober sending one small signed webhook at a time, ` +
        `${SENDERS} senders of ${BODY_MB} MB bodies; HTTP on 127.0.0.1; node ${process.version}, ${os.cpus().length} CPUs`
    )
    const results: Record<Load, Round[]> = { none: [], good: [], bad: [] }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const load of ['none', 'good', 'bad'] as Load[]) {
        const senders =
          load === 'none' ? null : run(SENDER, { url: `${state.url}heavy`, bytes: BODY_MB * 1_000_000, senders: SENDERS, signature: load })
        if (senders) await sleep(1000) // let the heavy traffic reach its steady state
        const latencies = JSON.parse(await run(PROBER, { url: `${state.url}probe`, body, signature, seconds: SECONDS }).done) as number[]
        senders?.stop()
        const heavy = senders ? (JSON.parse((await senders.done) || '{"sent":0}') as { sent: number }).sent : 0
        // Let the last heavy requests and their deferred diagnoses finish before the next round.
        const pending = await settle(path.join(dir, 'bench.sqlite'))
        const r: Round = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), probes: latencies.length, heavy }
        results[load].push(r)
        console.log(
          `round ${round}  ${load.padEnd(4)}  probe p50 ${ms(r.p50).padStart(9)}  p99 ${ms(r.p99).padStart(9)}  max ${ms(r.max).padStart(9)}  ` +
            `(${r.probes} probes${senders ? `, ${heavy} heavy bodies captured` : ''}${pending ? `, ${pending} diagnoses still pending after 60 s` : ''})`
        )
      }
    }
    const m = (load: Load, key: 'p50' | 'p99' | 'max') => median(results[load].map((r) => r[key]))
    for (const key of ['p50', 'p99', 'max'] as const) {
      console.log(
        `median ${key.padEnd(3)}  none ${ms(m('none', key))}  good ${ms(m('good', key))}  bad ${ms(m('bad', key))}  ` +
          `ratio bad/none ${(m('bad', key) / m('none', key)).toFixed(2)}x  bad/good ${(m('bad', key) / m('good', key)).toFixed(2)}x`
      )
    }
  } finally {
    await wb.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
