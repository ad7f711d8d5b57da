/**
 * UI at scale (issue 10, bench 4): `kyc-hooks serve` over N captures (default 100,000,
 * imported as HAR through the engine, so every row has real verdicts) in Chromium:
 *   - time to the first inbox row (navigation start to the first row in the DOM);
 *   - frame times while scrolling down the list (requestAnimationFrame deltas; the list
 *     pages in more rows as it goes), for the whole list or BENCH_UI_SCROLL_SECONDS;
 *   - a live burst of BENCH_UI_RATE captures/s for BENCH_UI_BURST_SECONDS to an HTTP
 *     listener: the longest main-thread task (PerformanceObserver 'longtask') and whether
 *     the newest capture reached the top of the list, and how long after the last request.
 * Targets: first row < 1 s; p95 frame < 16.7 ms; no task > 50 ms during the burst.
 * Needs the renderer built (npm run build) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 *
 * Run alone: node bin/run-ts.mjs bench/ui.ts
 * Knobs: BENCH_UI_CAPTURES (100000), BENCH_UI_SCROLL_SECONDS (60), BENCH_UI_RATE (500), BENCH_UI_BURST_SECONDS (10),
 * BENCH_UI_PROFILE (write the renderer's CPU profile of the burst to this file).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { createWorkbench } from '../src/core/workbench'
import { benchDir, fmt, fmt1, percentile, positiveInt, printTable, sleep, writeResult } from './lib/common'

const CAPTURES = positiveInt('BENCH_UI_CAPTURES', 100_000)
const SCROLL_SECONDS = positiveInt('BENCH_UI_SCROLL_SECONDS', 60)
const RATE = positiveInt('BENCH_UI_RATE', 500)
const BURST_SECONDS = positiveInt('BENCH_UI_BURST_SECONDS', 10)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const REPO = path.join(benchDir, '..')
const EVENTS = ['submission.created', 'submission.completed', 'aml.match.found', 'invitation.sent', 'aml.screening.completed']

/** A HAR entry for capture `i`: a unique 1 to 2 KB JSON webhook. */
function harEntry(i: number, at: number): unknown {
  const event = EVENTS[i % EVENTS.length]
  const text = JSON.stringify({
    event,
    timestamp: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
    data: { submissionId: `sub_${i}`, customerEmail: `user${i}@example.com`, note: 'n'.repeat(800 + (i % 1000)) },
    tenantId: 'tenant_123456'
  })
  const headers = [{ name: 'Content-Type', value: 'application/json' }]
  return {
    startedDateTime: new Date(at).toISOString(),
    time: 1,
    request: {
      method: 'POST', url: `http://127.0.0.1:9/webhooks/${i}`, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: [],
      postData: { mimeType: 'application/json', text }, headersSize: -1, bodySize: text.length
    },
    response: {
      status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [],
      content: { size: 17, mimeType: 'application/json', text: '{"received":true}' }, redirectURL: '', headersSize: -1, bodySize: 17
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 1, receive: 0 }
  }
}

async function seed(dbFile: string): Promise<number> {
  const t0 = Date.now()
  const wb = await createWorkbench({ db: dbFile, background: false })
  try {
    const start = Date.now() - CAPTURES * 1000
    for (let from = 0; from < CAPTURES; from += 5_000) {
      const entries = Array.from({ length: Math.min(5_000, CAPTURES - from) }, (_, k) => harEntry(from + k, start + (from + k) * 1000))
      await wb.exchange.importHar({ content: JSON.stringify({ log: { version: '1.2', creator: { name: 'bench', version: '1' }, entries } }) })
    }
  } finally {
    await wb.close()
  }
  return (Date.now() - t0) / 1000
}

async function startServe(dataDir: string, dbFile: string): Promise<{ url: string; origin: string; token: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'kyc-hooks.mjs'), '--db', dbFile, 'serve', '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, KYC_HOOKS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (c: Buffer): void => {
      out += c.toString()
      const hit = /(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)/.exec(out)
      if (hit) resolve(hit)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`kyc-hooks serve exited ${code}: ${out}`)))
  })
  return { url: m[0], origin: m[1], token: m[3], stop: () => child.kill('SIGTERM') }
}

async function call<T>(origin: string, token: string, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input)
  })
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } }
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`)
  return reply.result as T
}

/** Page-side probes, installed before any script of the app runs. */
const PROBES = `
  window.__bench = { firstRow: null, longTasks: [] };
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid="capture-row"]')) { window.__bench.firstRow = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'))) throw new Error('the renderer is not built: run npm run build first')
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-bench-ui-'))
  const dbFile = path.join(dataDir, 'workbench.sqlite')
  console.log(`ui: ${fmt(CAPTURES)} captures, Chromium ${CHROMIUM}, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`)
  const seedSeconds = await seed(dbFile)
  console.log(`seeded ${fmt(CAPTURES)} captures (HAR import) in ${fmt1(seedSeconds)} s`)
  const serve = await startServe(dataDir, dbFile)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
    await page.addInitScript(PROBES)
    await page.goto(serve.url)
    await page.getByTestId('capture-row').first().waitFor({ state: 'visible', timeout: 60_000 })
    const firstRowMs = (await page.evaluate('window.__bench.firstRow')) as number
    console.log(`first inbox row ${fmt(firstRowMs)} ms after navigation start`)

    // Scroll down one viewport per frame, paging in rows as the list asks for them.
    const scroll = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('[data-testid="capture-row"]').closest('.vlist');
      const frames = []; let last = performance.now(); const end = last + ${SCROLL_SECONDS * 1000}; let still = 0;
      const step = () => {
        const now = performance.now(); frames.push(now - last); last = now;
        const before = list.scrollTop;
        list.scrollTop = before + list.clientHeight;
        still = list.scrollTop === before ? still + 1 : 0;
        // At the bottom for 2 s with nothing more loading: the whole list was seen.
        if (now > end || still > 120) resolve({ frames, rows: document.querySelectorAll('[data-testid="capture-row"]').length, scrollTop: list.scrollTop, scrollHeight: list.scrollHeight, done: still > 120 });
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`)) as { frames: number[]; scrollTop: number; scrollHeight: number; done: boolean }
    const frames = scroll.frames.slice(1)
    const rowHeight = (await page.evaluate(`document.querySelector('[data-testid="capture-row"]').getBoundingClientRect().height`)) as number
    const rowsScrolled = Math.round(scroll.scrollTop / rowHeight)
    console.log(
      `scroll: ${fmt(frames.length)} frames, p50 ${fmt1(percentile(frames, 50))} ms, p95 ${fmt1(percentile(frames, 95))} ms, max ${fmt1(Math.max(...frames))} ms; ` +
        `${scroll.done ? 'reached the end' : `stopped after ${SCROLL_SECONDS} s`} at row ~${fmt(rowsScrolled)}`
    )

    // Back to the top, then a live burst to an HTTP listener.
    await page.evaluate(`document.querySelector('[data-testid="capture-row"]').closest('.vlist').scrollTop = 0`)
    const listener = await call<{ id: string }>(serve.origin, serve.token, 'listeners.create', { name: 'burst', protocol: 'http', port: 0 })
    const state = await call<{ url: string }>(serve.origin, serve.token, 'listeners.start', { id: listener.id })
    await sleep(1000)
    // BENCH_UI_PROFILE=FILE.cpuprofile: the renderer's CPU profile of the burst, for DevTools.
    const cdp = process.env.BENCH_UI_PROFILE ? await page.context().newCDPSession(page) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const burstStart = (await page.evaluate('performance.now()')) as number
    const total = RATE * BURST_SECONDS
    let sent = 0
    let ok = 0
    const t0 = Date.now()
    const inflight: Promise<void>[] = []
    while (sent < total) {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * RATE) + 1)
      for (; sent < due; sent++) {
        const i = sent
        inflight.push(
          new Promise<void>((resolve) => {
            const req = http.request(new URL(`${state.url}live/${i}`), { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
              if (res.statusCode === 200) ok++
              res.resume()
              res.on('end', () => resolve())
            })
            req.on('error', () => resolve())
            req.end(JSON.stringify({ event: 'submission.created', data: { i } }))
          })
        )
      }
      await sleep(5)
    }
    await Promise.all(inflight)
    const sendSeconds = (Date.now() - t0) / 1000
    const lastPath = `/live/${total - 1}`
    const tLast = Date.now()
    let keptUpMs: number | null = null
    try {
      await page.locator('[data-testid="capture-row"] .cell-path', { hasText: new RegExp(`^${lastPath}$`) }).first().waitFor({ timeout: 30_000 })
      keptUpMs = Date.now() - tLast
    } catch {
      keptUpMs = null
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop')
      fs.writeFileSync(process.env.BENCH_UI_PROFILE!, JSON.stringify(profile))
      console.log(`renderer profile of the burst written to ${process.env.BENCH_UI_PROFILE}`)
    }
    const tasks = ((await page.evaluate('window.__bench.longTasks')) as Array<{ at: number; ms: number }>).filter((t) => t.at >= burstStart)
    const longest = tasks.reduce((m, t) => Math.max(m, t.ms), 0)
    console.log(
      `burst: ${fmt(sent)} captures in ${fmt1(sendSeconds)} s (${fmt(sent / sendSeconds)}/s, ${fmt(ok)} answered 200); ` +
        `long tasks ${tasks.length}, longest ${fmt(longest)} ms; newest row shown ${keptUpMs === null ? 'NOT within 30 s' : `${fmt(keptUpMs)} ms after the last answer`}`
    )

    const summary = {
      firstRowMs,
      scrollFrames: frames.length,
      scrollP50Ms: percentile(frames, 50),
      scrollP95Ms: percentile(frames, 95),
      scrollMaxMs: Math.max(...frames),
      scrollReachedEnd: scroll.done,
      rowsScrolled,
      burstSent: sent,
      burstRatePerSec: sent / sendSeconds,
      burstLongTasks: tasks.length,
      burstLongestTaskMs: longest,
      burstKeptUp: keptUpMs !== null,
      burstNewestShownAfterMs: keptUpMs
    }
    console.log('')
    printTable(
      ['measure', 'value', 'target'],
      [
        ['first inbox row', `${fmt(firstRowMs)} ms`, '< 1,000 ms'],
        ['scroll frame p50 / p95 / max', `${fmt1(summary.scrollP50Ms)} / ${fmt1(summary.scrollP95Ms)} / ${fmt1(summary.scrollMaxMs)} ms`, 'p95 < 16.7 ms'],
        ['rows scrolled', `${fmt(rowsScrolled)}${scroll.done ? ' (the whole list)' : ` (${SCROLL_SECONDS} s limit)`}`, `${fmt(CAPTURES)}`],
        [`burst ${RATE}/s x ${BURST_SECONDS} s: longest task`, `${fmt(longest)} ms (${tasks.length} tasks > 50 ms)`, '<= 50 ms'],
        ['burst: list kept up', keptUpMs === null ? 'no' : `yes, newest shown ${fmt(keptUpMs)} ms after the last answer`, 'yes']
      ]
    )
    writeResult('ui', { captures: CAPTURES, seedSeconds, summary })
  } finally {
    agent.destroy()
    await browser.close()
    serve.stop()
    await sleep(500)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
