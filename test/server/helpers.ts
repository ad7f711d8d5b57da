/**
 * Helpers for the server tests: temp data folders, a real Workbench on a temp database,
 * and raw HTTP requests (node:http, so a test can set Host and Origin exactly as an
 * attacker's browser would, and send paths that fetch would normalise away).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createWorkbench, type Workbench } from '../../src/core/workbench'

/** Temp folders and closers registered by a test, undone by `cleanup()` in afterEach. */
export class Scratch {
  private readonly dirs: string[] = []
  private readonly closers: (() => Promise<void> | void)[] = []

  dir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
    this.dirs.push(dir)
    return dir
  }

  defer(close: () => Promise<void> | void): void {
    this.closers.push(close)
  }

  /** A real Workbench on a fresh temp database; closed by cleanup(). */
  async workbench(): Promise<Workbench> {
    const dir = this.dir()
    const wb = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), transport: 'web', background: false })
    this.defer(() => wb.close())
    return wb
  }

  async cleanup(): Promise<void> {
    // Close in reverse order: servers before the Workbench they serve.
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close()
      } catch {
        // A failed close must not hide the test's own failure or leave the dirs behind.
      }
    }
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  }
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  json: unknown
}

/** One request with exactly these headers and this path (no normalisation). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        agent: false
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(body)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json })
        })
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

/** POST /api/call/<method> with the token, as the web transport does. */
export function callApi(port: number, token: string | null, method: string, input: unknown, headers: Record<string, string> = {}) {
  return rawRequest(port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...headers
    },
    body: JSON.stringify(input)
  })
}
