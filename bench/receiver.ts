/**
 * Receiver (issue 10, bench 1): bare node:https vs mockttp 4.6.5 (recording) vs a Workbench
 * listener, each in its own process, autocannon in another, alternated over rounds (the
 * order rotates each round). Prints req/s, p50/p99, the server process's CPU per request
 * and rows vs 2xx (the listener answers 2xx only after the row is committed), with ratios
 * to bare and to mockttp measured in the same run.
 *
 * Run alone: node bin/run-ts.mjs bench/receiver.ts
 * Knobs: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS (50). Prints; never asserts timings.
 * The bad-signature-under-load case is bench/bad-signature-latency.ts (run by `npm run bench` too).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createHmac } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { autocannon, type LoadResult } from './lib/autocannon'
import { benchDir, fmt, median, positiveInt, printTable, ratio, sleep, writeResult } from './lib/common'

const ROUNDS = positiveInt('BENCH_ROUNDS', 3)
const SECONDS = positiveInt('BENCH_SECONDS', 5)
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50)
const SECRET = 'skyc_sec_bench_0123456789abcdef0123456789abcdef'
const BODY_BYTES = 500

type Kind = 'bare' | 'mockttp' | 'listener'

/** A realistic aml.match.found payload, padded to exactly BODY_BYTES bytes. */
function payload(): Buffer {
  const base = {
    event: 'aml.match.found',
    timestamp: '2024-01-15T10:30:00Z',
    data: { submissionId: 'sub_123456', matchType: 'sanctions', matchScore: 0.95, matchedName: 'John Doe', sourceList: 'OFAC', riskLevel: 'high', note: '' },
    tenantId: 'tenant_123456'
  }
  base.data.note = 'x'.repeat(BODY_BYTES - Buffer.byteLength(JSON.stringify(base)))
  return Buffer.from(JSON.stringify(base))
}

interface Target {
  kind: Kind
  url: string
  certDir: string
  stats(): Promise<{ cpuUs: number; rows: number }>
  close(): void
}

async function startTarget(kind: Kind, certDir: string): Promise<Target> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [path.join(benchDir, '..', 'bin', 'run-ts.mjs'), path.join(benchDir, 'lib', 'receiver-target.ts'), kind, certDir, SECRET],
    { stdio: ['pipe', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const lines = readline.createInterface({ input: child.stdout })
  const queue: string[] = []
  const waiters: Array<(l: string) => void> = []
  lines.on('line', (l) => {
    const w = waiters.shift()
    if (w) w(l)
    else queue.push(l)
  })
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      if (queue.length) return resolve(queue.shift()!)
      waiters.push(resolve)
      child.once('exit', (code) => reject(new Error(`${kind} target exited ${code}: ${stderr.trim()}`)))
    })
  const hello = JSON.parse(await next()) as { url: string; certDir: string }
  return {
    kind,
    url: hello.url,
    certDir: hello.certDir,
    async stats() {
      child.stdin.write('stats\n')
      return JSON.parse(await next()) as { cpuUs: number; rows: number }
    },
    close: () => child.stdin.end()
  }
}

interface Sample extends LoadResult {
  kind: Kind
  round: number
  cpuUsPerReq: number
  rows: number
}

async function main(): Promise<void> {
  const body = payload()
  const signature = createHmac('sha256', SECRET).update(body).digest('hex')
  console.log(
    `receiver: ${ROUNDS} rounds x ${SECONDS} s per target, ${CONNECTIONS} connections, ${BODY_BYTES}-byte signed JSON over HTTPS on 127.0.0.1; ` +
      `node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`
  )
  const targets: Target[] = []
  let failed = false
  const samples: Sample[] = []
  try {
    const listener = await startTarget('listener', '-')
    targets.push(listener)
    targets.push(await startTarget('bare', listener.certDir))
    let mockttpNote: string | null = null
    try {
      targets.push(await startTarget('mockttp', listener.certDir))
    } catch (err) {
      mockttpNote = `mockttp not measured (${String(err).split('\n')[0]}): install it with "npm install --no-save mockttp@4.6.5" (kept out of the lockfile: its optional tls-impersonate dependency breaks npm ci)`
      console.log(mockttpNote)
    }
    const order: Kind[] = ['bare', 'mockttp', 'listener'].filter((k) => targets.some((t) => t.kind === k)) as Kind[]
    // Uncounted warm-up: the first seconds of each process are JIT compilation, not its speed.
    for (const kind of order) {
      const t = targets.find((x) => x.kind === kind)!
      await autocannon({ url: t.url, body, headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': signature }, connections: CONNECTIONS, seconds: 2 })
    }
    await sleep(500)
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate so no target always runs right after the same other one.
      const turn = order.map((_, i) => order[(i + round - 1) % order.length])
      for (const kind of turn) {
        const t = targets.find((x) => x.kind === kind)!
        const before = await t.stats()
        const r = await autocannon({
          url: t.url,
          body,
          headers: { 'Content-Type': 'application/json', 'X-SmartKYC-Signature': signature },
          connections: CONNECTIONS,
          seconds: SECONDS
        })
        // Requests cut off when autocannon stops may still be committing: let them land.
        await sleep(500)
        const after = await t.stats()
        const rows = after.rows - before.rows
        const s: Sample = { ...r, kind, round, cpuUsPerReq: r.sent > 0 ? (after.cpuUs - before.cpuUs) / r.sent : NaN, rows }
        samples.push(s)
        let check = ''
        if (kind === 'listener') {
          const durable = rows >= r.ok2xx && rows <= r.sent
          if (!durable) failed = true
          check = durable ? `rows ${fmt(rows)} >= 2xx ${fmt(r.ok2xx)}` : `ROWS ${fmt(rows)} < 2xx ${fmt(r.ok2xx)}`
        } else if (kind === 'mockttp') check = `recorded ${fmt(rows)}`
        console.log(
          `round ${round}  ${kind.padEnd(8)} ${fmt(r.reqPerSec).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
            `cpu ${fmt(s.cpuUsPerReq)} us/req  2xx ${fmt(r.ok2xx)}  non-2xx ${r.non2xx}  errors ${r.errors}  ${check}`
        )
      }
    }
    const of = (k: Kind) => samples.filter((s) => s.kind === k)
    const med = (k: Kind, f: (s: Sample) => number) => median(of(k).map(f))
    const perRound = (a: Kind, b: Kind) =>
      median(of(a).map((s) => s.reqPerSec / (samples.find((x) => x.kind === b && x.round === s.round)?.reqPerSec ?? NaN)))
    const summary = Object.fromEntries(
      order.map((k) => [
        k,
        {
          reqPerSec: med(k, (s) => s.reqPerSec),
          p50Ms: med(k, (s) => s.p50),
          p99Ms: med(k, (s) => s.p99),
          cpuUsPerReq: med(k, (s) => s.cpuUsPerReq),
          ratioToBare: perRound(k, 'bare'),
          ratioToMockttp: order.includes('mockttp') ? perRound(k, 'mockttp') : NaN
        }
      ])
    ) as Record<Kind, { reqPerSec: number; p50Ms: number; p99Ms: number; cpuUsPerReq: number; ratioToBare: number; ratioToMockttp: number }>
    console.log('')
    printTable(
      ['target', 'req/s (median)', 'p50 ms', 'p99 ms', 'server cpu us/req', 'x bare (per round)', 'x mockttp (per round)'],
      order.map((k) => [
        k,
        fmt(summary[k].reqPerSec),
        String(summary[k].p50Ms),
        String(summary[k].p99Ms),
        fmt(summary[k].cpuUsPerReq),
        ratio(summary[k].ratioToBare),
        ratio(summary[k].ratioToMockttp)
      ])
    )
    console.log('targets here: listener >= 0.5x bare and >= 2x mockttp')
    console.log(
      failed
        ? 'DURABILITY CHECK FAILED: a listener round answered 2xx to more requests than it committed'
        : 'durability: every listener request answered 2xx has its committed row'
    )
    writeResult('receiver', {
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      bodyBytes: BODY_BYTES,
      samples,
      summary,
      mockttp: mockttpNote ?? 'measured',
      durability: failed ? 'failed' : 'ok'
    })
  } finally {
    for (const t of targets) t.close()
  }
  if (failed) process.exitCode = 1
}

await main()
