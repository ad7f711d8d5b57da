/** Runs autocannon in its own process (so load generation never shares a server's event loop) and returns its summary. */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

export interface LoadResult {
  reqPerSec: number
  p50: number
  p99: number
  ok2xx: number
  non2xx: number
  errors: number
  sent: number
}

export function autocannon(opts: { url: string; body: Buffer; headers: Record<string, string>; connections: number; seconds: number }): Promise<LoadResult> {
  const bin = createRequire(import.meta.url).resolve('autocannon')
  const args = [bin, '--connections', String(opts.connections), '--duration', String(opts.seconds), '--method', 'POST']
  for (const [k, v] of Object.entries(opts.headers)) args.push('--headers', `${k}=${v}`)
  args.push('--body', opts.body.toString('utf8'), '--json', opts.url)
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
      resolve({ reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors, sent: r.requests.sent })
    })
  })
}
