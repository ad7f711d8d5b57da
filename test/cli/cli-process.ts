/**
 * Runs `kyc-hooks` as a real child process (node bin/kyc-hooks.mjs), the way users and
 * scripts run it: one-shot runs collect stdout (as bytes), stderr and the exit code;
 * background runs (listen) expose their output lines as they arrive.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const BIN = path.join(ROOT, 'bin', 'kyc-hooks.mjs')

/** The environment every CLI child gets: no inherited database or data folder, no debug stacks. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.KYC_HOOKS_DEBUG
  delete env.KYC_HOOKS_DB
  delete env.KYC_HOOKS_DATA_DIR
  return { ...env, ...extra }
}

/** What a finished run left behind. */
export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  /** stdout as UTF-8 text. */
  out: string
  err: string
}

/** Runs the CLI to completion. */
export function runCli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(options.env), stdio: 'pipe' })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out)
      resolve({ code, signal, stdout, out: stdout.toString('utf8'), err: Buffer.concat(err).toString('utf8') })
    })
    child.stdin.end(options.input ?? '')
  })
}

/** A CLI process left running (listen), with its output split into lines. */
export class BackgroundCli {
  readonly stdoutLines: string[] = []
  readonly stderrLines: string[] = []
  private readonly waiters: Array<() => void> = []
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>

  constructor(readonly child: ChildProcess) {
    const split = (stream: NodeJS.ReadableStream, into: string[]) => {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n')
        rest = parts.pop() ?? ''
        into.push(...parts)
        this.waiters.splice(0).forEach((w) => w())
      })
    }
    split(child.stdout!, this.stdoutLines)
    split(child.stderr!, this.stderrLines)
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        resolve({ code, signal })
        this.waiters.splice(0).forEach((w) => w())
      })
    })
  }

  /** Waits until a line of the stream satisfies `match`; fails with everything seen when the process exits first or time runs out. */
  async waitForLine(stream: 'stdout' | 'stderr', match: (line: string) => boolean, timeoutMs = 90_000): Promise<string> {
    const lines = stream === 'stdout' ? this.stdoutLines : this.stderrLines
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = lines.find(match)
      if (found !== undefined) return found
      if (this.child.exitCode !== null || this.child.signalCode !== null || Date.now() > deadline) {
        throw new Error(
          `no matching ${stream} line (exit ${this.child.exitCode}).\nstdout:\n${this.stdoutLines.join('\n')}\nstderr:\n${this.stderrLines.join('\n')}`
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** The URL a listener printed in its banner (`Listening on https://127.0.0.1:PORT/`). */
  async listenUrl(stream: 'stdout' | 'stderr'): Promise<string> {
    const line = await this.waitForLine(stream, (l) => l.startsWith('Listening on '))
    const url = /^Listening on (\S+)/.exec(line)?.[1]
    if (!url) throw new Error(`no URL in banner line: ${line}`)
    return url
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal)
    return this.exited
  }

  /** Resolves when the process ends on its own. */
  wait(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited
  }
}

/** Starts the CLI in the background. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): BackgroundCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] })
  return new BackgroundCli(child)
}

/** A fresh temporary folder for one test's database and files. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
}

/** The Smart KYC signature computed independently of our signing module. */
export function hmacHex(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex')
}

/** Parses every stdout line that is a JSON object. */
export function jsonLines(lines: string[]): Array<Record<string, unknown>> {
  return lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
}

/**
 * Per-test time limit for tests that start several CLI processes: each start loads the
 * engine through tsx, which takes seconds on a loaded 2-core machine. A limit, not a
 * timing assertion.
 */
export const SPAWN_TIMEOUT = 240_000
