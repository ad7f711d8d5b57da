/**
 * Bench 3 (Store) and 5 (Memory) of issue 10: a database of BENCH_CAPTURES (default
 * 200,000; the issue's target size is 1,000,000) realistic captures of 1 to 5 KB, written
 * through the real captures repository in group-commit sized transactions (so the FTS
 * triggers and indexes are paid as a listener pays them). Then:
 *
 * - open time (openDatabase, median of 5);
 * - newest 100 unfiltered and per filter, a deep page, full-text search (rare and common),
 *   count by event: each the median of 7 runs of `captures.list`, printed with its query plan;
 * - bytes per capture (file, body, and the rest split into row, indexes and FTS);
 * - serve's peak RSS (VmHWM) while the same queries go through `kyc-hooks serve --db FILE`
 *   over HTTP.
 *
 * The generated file is cached in the temp folder by size and schema version
 * (BENCH_STORE_FRESH=1 rebuilds it). Writes bench/results/store-at-scale.json. Never asserts.
 * Run: node bin/run-ts.mjs bench/store-at-scale.ts  (BENCH_CAPTURES=1000000 for the full size)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { openDatabase } from '../src/core/store/database'
import { LATEST_SCHEMA_VERSION } from '../src/core/store/migrations'
import { createCapturesRepo } from '../src/core/receiver/captures-repo'
import type { CaptureFilter } from '../src/shared/models'
import { syntheticCapture } from './synthetic-captures'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const N = positiveInt('BENCH_CAPTURES', 200_000)
const LISTENERS = ['lst_bench_a', 'lst_bench_b', 'lst_bench_c']
const RARE = 'quentin.rarely+kyc@seldom-bank.test'
const BATCH = 5_000

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw} is not a positive whole number`)
  return n
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Writes N captures through the real repository and schema (indexes, FTS and count
 * triggers), in big transactions with the journal off: a bench database is disposable, and
 * this takes the fsyncs and WAL copies out of a build of a million rows.
 */
function generate(file: string): void {
  openDatabase(file).close() // creates the schema
  const db = new Database(file)
  // Out of WAL first: SQLite cannot go from WAL straight to an in-memory journal.
  db.pragma('journal_mode = DELETE')
  db.pragma('journal_mode = MEMORY')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -131072')
  const repo = createCapturesRepo(db)
  const insertBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) repo.insert(syntheticCapture(i, { listenerIds: LISTENERS, rare: { index: Math.floor(N / 3), text: RARE } }))
  })
  const started = Date.now()
  for (let from = 0; from < N; from += BATCH) {
    insertBatch(from, Math.min(N, from + BATCH))
    if (from % 50_000 === 0 && from > 0) {
      const rate = from / ((Date.now() - started) / 1000)
      process.stderr.write(`generated ${from} of ${N} (${Math.round(rate)}/s, about ${Math.round((N - from) / rate)} s left)\n`)
    }
  }
  db.exec('PRAGMA optimize')
  db.pragma('journal_mode = WAL')
  db.close()
  process.stderr.write(`generated ${N} captures in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
}

interface Row {
  name: string
  ms: number
  /** CPU time of this process (median): on a shared machine wall time swings with other load. */
  cpuMs: number
  rows: number
  total: string
  plan: string[]
}

async function main(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'kyc-hooks-bench-store')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `captures-${N}-v${LATEST_SCHEMA_VERSION}.sqlite`)
  if (process.env.BENCH_STORE_FRESH === '1') for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  if (!fs.existsSync(file)) generate(file)
  else process.stderr.write(`using the cached ${file}\n`)

  const openTimes: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    const db = openDatabase(file)
    openTimes.push(performance.now() - t)
    db.close()
  }

  const db = openDatabase(file)
  const repo = createCapturesRepo(db)
  const newest = repo.list({ limit: 1 }).items[0].seq
  const cases: [string, CaptureFilter][] = [
    ['newest 100', {}],
    ['listener', { listenerId: LISTENERS[1] }],
    ['event', { event: 'aml.match.found' }],
    ['signature = invalid', { signature: 'invalid' }],
    ['schema = invalid', { schema: 'invalid' }],
    ['response status 500', { responseStatus: 500 }],
    ['event + signature invalid', { event: 'submission.approved', signature: 'invalid' }],
    ['listener + event + status (3 filters)', { listenerId: LISTENERS[0], event: 'submission.approved', responseStatus: 200 }],
    ['a combination that matches nothing', { listenerId: LISTENERS[0], event: 'check.completed' }],
    ['deep page (middle)', { beforeSeq: Math.floor(newest / 2) }],
    ['deep page, event filter', { event: 'invitation.sent', beforeSeq: Math.floor(newest / 10) }],
    ['search rare (email)', { q: 'RARELY+kyc@seldom' }],
    ['search common (word)', { q: 'passport' }],
    ['search id fragment (in a body)', { q: JSON.parse(syntheticCapture(Math.floor(N / 5), { listenerIds: LISTENERS }).body.toString()).data.submission_id.slice(6, 20) }],
    ['search 2 chars (LIKE window)', { q: 'zq' }],
    ['count by event (list total)', { event: 'document.uploaded', limit: 1 }]
  ]
  const rows: Row[] = []
  for (const [name, f] of cases) {
    const filter = { limit: 100, ...f }
    repo.list(filter)
    const times: number[] = []
    const cpu: number[] = []
    let last = repo.list(filter)
    for (let i = 0; i < 7; i++) {
      const c = process.cpuUsage()
      const t = performance.now()
      last = repo.list(filter)
      times.push(performance.now() - t)
      const used = process.cpuUsage(c)
      cpu.push((used.user + used.system) / 1000)
    }
    const plan = repo.plan(filter)
    rows.push({ name, ms: median(times), cpuMs: median(cpu), rows: last.items.length, total: `${last.total}${last.totalCapped ? '+' : ''}`, plan: [...plan.page, '-- count:', ...plan.count] })
  }
  // The exact per-event counts, from the per-combination counts (what a "count by event" breakdown costs uncapped).
  {
    const sql = 'SELECT event, SUM(n) AS n FROM capture_filter_counts GROUP BY event'
    const times: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < 7; i++) {
      const c = process.cpuUsage()
      const t = performance.now()
      db.prepare(sql).all()
      times.push(performance.now() - t)
      const used = process.cpuUsage(c)
      cpu.push((used.user + used.system) / 1000)
    }
    const plan = db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => r.detail)
    rows.push({ name: 'exact count by event (all events)', ms: median(times), cpuMs: median(cpu), rows: db.prepare(sql).all().length, total: '-', plan })
  }

  const fileBytes = fs.statSync(file).size
  const bodyBytes = (db.prepare('SELECT SUM(body_size) AS s FROM captures').get() as { s: number }).s
  const bySpace = db
    .prepare<[], { name: string; bytes: number }>("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
    .all()
  db.close()
  const part = (pred: (name: string) => boolean) => bySpace.filter((r) => pred(r.name)).reduce((s, r) => s + r.bytes, 0) / N
  const storage = {
    fileBytesPerCapture: Math.round(fileBytes / N),
    bodyBytesPerCapture: Math.round(bodyBytes / N),
    overheadPerCapture: Math.round((fileBytes - bodyBytes) / N),
    rowBeyondBody: Math.round(part((n) => n === 'captures') - bodyBytes / N),
    indexes: Math.round(part((n) => n.startsWith('captures_by_') || n.startsWith('sqlite_autoindex_captures'))),
    fullText: Math.round(part((n) => n.startsWith('captures_fts')))
  }

  const memory = await serveMemory(file, cases)

  console.log(`\nStore at ${N.toLocaleString('en-US')} captures (${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)})\n`)
  console.log(`open: ${median(openTimes).toFixed(1)} ms (median of 5)`)
  console.log(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`)
  console.log('\n| query | ms (median of 7) | CPU ms (median) | rows | total |\n|---|---:|---:|---:|---:|')
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(2)} | ${r.cpuMs.toFixed(2)} | ${r.rows} | ${r.total} |`)
  console.log('\nQuery plans:')
  for (const r of rows) console.log(`  ${r.name}:\n${r.plan.map((l) => `    ${l}`).join('\n')}`)
  console.log(`\nbytes per capture: file ${storage.fileBytesPerCapture}, body ${storage.bodyBytesPerCapture}, overhead ${storage.overheadPerCapture} ` +
    `(row beyond body ${storage.rowBeyondBody}, filter indexes ${storage.indexes}, full-text index ${storage.fullText})`)
  console.log(`serve peak RSS (VmHWM) over the same queries via HTTP: ${memory.peakMb} MB; slowest HTTP call ${memory.slowestMs.toFixed(1)} ms`)

  const out = path.join(root, 'bench', 'results')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(
    path.join(out, 'store-at-scale.json'),
    JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, captures: N, openMs: median(openTimes), queries: rows, storage, serve: memory }, null, 2)
  )
}

/** Spawns `kyc-hooks serve --db FILE`, runs every case over HTTP 3 times, and reads VmHWM. */
async function serveMemory(file: string, cases: [string, CaptureFilter][]): Promise<{ peakMb: number; slowestMs: number }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'kyc-hooks.mjs'), 'serve', '--db', file, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /(http:\/\/\S+token=\S+)/.exec(out)
        if (m) resolve(new URL(m[1]))
      })
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)))
    })
    const token = url.searchParams.get('token') ?? ''
    let slowest = 0
    for (let round = 0; round < 3; round++) {
      for (const [, f] of cases) {
        const t = performance.now()
        const res = await fetch(new URL('/api/call/captures.list', url), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ limit: 100, ...f })
        })
        if (!res.ok) throw new Error(`captures.list over HTTP: ${res.status} ${await res.text()}`)
        await res.json()
        slowest = Math.max(slowest, performance.now() - t)
      }
    }
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return { peakMb: Math.round(kb / 1024), slowestMs: slowest }
  } finally {
    child.kill('SIGINT')
    await new Promise((r) => child.once('exit', r))
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
