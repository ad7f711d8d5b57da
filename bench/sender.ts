/**
 * Sender throughput (issue 10, bench 2): N signed deliveries through the Workbench's
 * `send.event` (outbox write, attempt, attempt row logged) to a local HTTP sink, against a
 * bare undici loop posting the same bodies at the same concurrency, alternated over rounds.
 * The sink runs in its own process; both sides run in this one, so CPU per delivery is
 * this process's CPU. Checks that every delivery arrived and was logged Success.
 *
 * Run alone: node bin/run-ts.mjs bench/sender.ts
 * Knobs: BENCH_SENDS (10000 per round), BENCH_CONCURRENCY (20), BENCH_ROUNDS (3).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Agent, request } from 'undici'
import { createWorkbench } from '../src/core/workbench'
import { EndpointInput } from '../src/shared/models'
import { benchDir, fmt, median, positiveInt, printTable, ratio, writeResult } from './lib/common'

const SENDS = positiveInt('BENCH_SENDS', 10_000)
const CONCURRENCY = positiveInt('BENCH_CONCURRENCY', 20)
const ROUNDS = positiveInt('BENCH_ROUNDS', 3)
const SECRET = 'skyc_sec_bench_0123456789abcdef0123456789abcdef'

function bodyOf(i: number): string {
  return JSON.stringify({
    event: 'submission.completed',
    timestamp: new Date(Date.UTC(2024, 0, 15, 10, 30, 0) + i * 1000).toISOString().replace('.000', ''),
    data: { submissionId: `sub_${String(i).padStart(8, '0')}`, status: 'approved', score: 0.97, checks: ['document', 'face', 'liveness'] },
    tenantId: 'tenant_123456'
  })
}

interface Sink {
  url: string
  count(): Promise<number>
  close(): void
}

async function startSink(): Promise<Sink> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(benchDir, 'lib', 'http-sink.mjs')])
  const lines: string[] = []
  const waiters: Array<(line: string) => void> = []
  let buf = ''
  child.stdout.on('data', (c: Buffer) => {
    buf += c.toString()
    let nl
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      const w = waiters.shift()
      if (w) w(line)
      else lines.push(line)
    }
  })
  const next = (): Promise<string> => new Promise((resolve) => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)))
  const port = Number(await next())
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    async count() {
      child.stdin.write('count\n')
      return Number((await next()).split(' ')[1])
    },
    close: () => child.stdin.end()
  }
}

/** Runs `task(i)` for i in [0, n) with `concurrency` in flight; returns seconds taken. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++)
    })
  )
  return (performance.now() - t0) / 1000
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-sender-'))
  const sink = await startSink()
  const wb = await createWorkbench({ db: path.join(dir, 'bench.sqlite'), background: true })
  const bodies = Array.from({ length: SENDS }, (_, i) => bodyOf(i))
  console.log(
    `sender: ${ROUNDS} rounds x ${fmt(SENDS)} deliveries per target, concurrency ${CONCURRENCY}, HTTP sink on 127.0.0.1 in its own process; ` +
      `node ${process.version}, ${os.cpus().length} CPUs`
  )
  const rounds: Array<{ round: number; bare: number; sender: number; bareCpuUs: number; senderCpuUs: number; logged: number }> = []
  let failed = false
  try {
    const endpoint = await wb.endpoints.create(EndpointInput.parse({ name: 'bench sink', url: sink.url, allowLocalHttp: true }))
    const bare = new Agent({ keepAliveTimeout: 30_000 })
    for (let round = 1; round <= ROUNDS; round++) {
      const sinkBefore = await sink.count()
      let cpu = process.cpuUsage()
      const bareSeconds = await pool(SENDS, CONCURRENCY, async (i) => {
        const body = Buffer.from(bodies[i])
        const res = await request(sink.url, {
          dispatcher: bare,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-smartkyc-signature': createHmac('sha256', SECRET).update(body).digest('hex')
          },
          body
        })
        await res.body.dump()
        if (res.statusCode !== 200) throw new Error(`bare loop: sink answered ${res.statusCode}`)
      })
      const bareCpu = process.cpuUsage(cpu)
      const afterBare = await sink.count()

      cpu = process.cpuUsage()
      let success = 0
      const senderSeconds = await pool(SENDS, CONCURRENCY, async (i) => {
        const result = await wb.send.event({ event: 'submission.completed', body: bodies[i], endpointIds: [endpoint.id], secret: SECRET, origin: 'cli' })
        for (const d of result.deliveries) if (d.status === 'success') success++
      })
      const senderCpu = process.cpuUsage(cpu)
      const afterSender = await sink.count()
      const arrived = afterSender - afterBare
      if (afterBare - sinkBefore !== SENDS || arrived !== SENDS || success !== SENDS) failed = true
      rounds.push({
        round,
        bare: SENDS / bareSeconds,
        sender: SENDS / senderSeconds,
        bareCpuUs: (bareCpu.user + bareCpu.system) / SENDS,
        senderCpuUs: (senderCpu.user + senderCpu.system) / SENDS,
        logged: success
      })
      const r = rounds[rounds.length - 1]
      console.log(
        `round ${round}  bare ${fmt(r.bare)}/s (${fmt(r.bareCpuUs)} us cpu)  sender ${fmt(r.sender)}/s (${fmt(r.senderCpuUs)} us cpu)  ` +
          `ratio ${ratio(r.sender / r.bare)}  arrived ${fmt(arrived)}  logged success ${fmt(success)}`
      )
    }
    await bare.close()
    const attempts = (await wb.deliveries.list({ limit: 1 })).total
    const summary = {
      bareDeliveriesPerSec: median(rounds.map((r) => r.bare)),
      senderDeliveriesPerSec: median(rounds.map((r) => r.sender)),
      ratioOfMedians: median(rounds.map((r) => r.sender)) / median(rounds.map((r) => r.bare)),
      medianPerRoundRatio: median(rounds.map((r) => r.sender / r.bare)),
      bareCpuUsPerDelivery: median(rounds.map((r) => r.bareCpuUs)),
      senderCpuUsPerDelivery: median(rounds.map((r) => r.senderCpuUs)),
      deliveriesLogged: attempts,
      target: 0.85
    }
    console.log('')
    printTable(
      ['target', 'deliveries/s (median)', 'cpu us/delivery', 'ratio to bare'],
      [
        ['bare undici loop', fmt(summary.bareDeliveriesPerSec), fmt(summary.bareCpuUsPerDelivery), '1.00x'],
        ['send.event (outbox + attempt log)', fmt(summary.senderDeliveriesPerSec), fmt(summary.senderCpuUsPerDelivery), `${ratio(summary.ratioOfMedians)} (per-round ${ratio(summary.medianPerRoundRatio)}; target >= 0.85x)`]
      ]
    )
    console.log(failed ? 'DELIVERY CHECK FAILED: not every delivery arrived and was logged success' : 'every delivery arrived and was logged success')
    writeResult('sender', { sends: SENDS, concurrency: CONCURRENCY, rounds, summary, deliveryCheck: failed ? 'failed' : 'ok' })
  } finally {
    sink.close()
    await wb.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  if (failed) process.exitCode = 1
}

await main()
