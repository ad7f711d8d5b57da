/**
 * Small helpers every benchmark shares: env knobs, medians, number formatting, a plain
 * table printer and the JSON result file (bench/results/NAME.json), so `npm run bench` and
 * a single bench print and save the same things.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw} is not a positive whole number: unset it or give e.g. ${fallback}`)
  return n
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-')
export const fmt1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-')
export const ratio = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '-')
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Prints rows as an aligned plain-text table (also valid enough to paste into Markdown). */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`
  console.log(line(headers))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
}

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

/** Writes bench/results/NAME.json (or BENCH_RESULTS_DIR) with the machine next to the figures. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = process.env.BENCH_RESULTS_DIR ?? path.join(benchDir, 'results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.json`)
  const doc = {
    bench: name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: os.loadavg() },
    ...result
  }
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`)
  console.log(`results written to ${path.relative(process.cwd(), file)}`)
  return file
}
