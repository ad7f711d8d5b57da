/**
 * `npm run bench`: runs every benchmark below, one after another, each in its own process
 * (so one's heap, threads and servers never weigh on the next), within about 15 minutes on
 * the 2-core reference machine. Each also runs alone (node bin/run-ts.mjs bench/FILE.ts),
 * prints its own table and writes bench/results/NAME.json; this prints a closing summary.
 *
 * Pick some: npm run bench -- receiver sender. Each bench's knobs (BENCH_*) pass through.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { benchDir, fmt, printTable } from './lib/common'

interface Bench {
  name: string
  file: string
  /** Stopped (and reported as such) after this long, so the whole run stays bounded. */
  budgetMinutes: number
}

// One entry per benchmark file; add yours here (the order is the run order).
const BENCHES: Bench[] = [
  { name: 'receiver', file: 'receiver.ts', budgetMinutes: 2 },
  { name: 'bad-signature', file: 'bad-signature-latency.ts', budgetMinutes: 2 },
  { name: 'sender', file: 'sender.ts', budgetMinutes: 3 },
  { name: 'ui', file: 'ui.ts', budgetMinutes: 6 },
  // BENCH_CAPTURES sets its size (default 200,000; 1,000,000 is the target, about 15 minutes to build once).
  { name: 'store', file: 'store-at-scale.ts', budgetMinutes: 4 }
]

function run(bench: Bench): Promise<{ code: number | null; seconds: number; timedOut: boolean }> {
  const t0 = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(benchDir, '..', 'bin', 'run-ts.mjs'), path.join(benchDir, bench.file)], { stdio: 'inherit' })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
    }, bench.budgetMinutes * 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, seconds: (Date.now() - t0) / 1000, timedOut })
    })
  })
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w))
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}: choose from ${BENCHES.map((b) => b.name).join(', ')}`)
    process.exit(2)
  }
  const chosen = BENCHES.filter((b) => (wanted.length === 0 || wanted.includes(b.name)) && fs.existsSync(path.join(benchDir, b.file)))
  const rows: string[][] = []
  let failed = false
  for (const bench of chosen) {
    console.log(`\n=== ${bench.name} (bench/${bench.file}) ===`)
    const r = await run(bench)
    if (r.code !== 0) failed = true
    rows.push([bench.name, r.timedOut ? `stopped after ${bench.budgetMinutes} min` : r.code === 0 ? 'ok' : `exit ${r.code}`, fmt(r.seconds)])
  }
  console.log('\n=== summary ===')
  printTable(['bench', 'result', 'seconds'], rows)
  console.log(`figures: each bench's table above; JSON in ${path.relative(process.cwd(), path.join(benchDir, 'results'))}/`)
  if (failed) process.exitCode = 1
}

await main()
