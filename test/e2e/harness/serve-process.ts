/**
 * Runs `kyc-hooks serve` as the user does: a child process of bin/kyc-hooks.mjs on a fresh
 * data folder and a free port (--port 0), read back from the URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from './environment'

export interface ServeProcess {
  /** The printed URL, with the token. */
  url: string
  /** `http://127.0.0.1:PORT` */
  origin: string
  port: number
  token: string
  dataDir: string
  dbFile: string
  /** Everything the process wrote so far (for failure messages). */
  output(): string
  /** SIGTERM, then waits for the exit; resolves to the exit code (null if killed by a signal). */
  stop(): Promise<number | null>
}

const URL_PATTERN = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/

export interface ServeProcessOptions {
  /** Data folder to use; a fresh temp folder otherwise (removed by stop()). */
  dataDir?: string
  extraArgs?: string[]
}

/** Starts `kyc-hooks --db <tmp>/workbench.sqlite serve --port 0` and waits for its URL. */
export async function startServeProcess(options: ServeProcessOptions = {}): Promise<ServeProcess> {
  const ownDir = !options.dataDir
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  const dbFile = path.join(dataDir, 'workbench.sqlite')
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'kyc-hooks.mjs'), '--db', dbFile, 'serve', '--port', '0', ...(options.extraArgs ?? [])],
    { cwd: REPO_ROOT, env: { ...process.env, KYC_HOOKS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  let match: RegExpExecArray | null
  try {
    match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const onData = (): void => {
        const m = URL_PATTERN.exec(out)
        if (m) {
          child.stdout.off('data', onData)
          resolve(m)
        }
      }
      child.stdout.on('data', onData)
      void exited.then((code) => reject(new Error(`kyc-hooks serve exited (${code}) before printing its URL:\n${out}`)))
    })
  } catch (err) {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true })
    throw err
  }

  const port = Number(match[2])
  return {
    url: match[1],
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[3],
    dataDir,
    dbFile,
    output: () => out,
    async stop() {
      const code = await stopChild(child, exited)
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true })
      return code
    }
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
  child.kill('SIGTERM')
  // A stuck shutdown is a bug the test should see, but it must not leave a process behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  try {
    return await exited
  } finally {
    clearTimeout(timer)
  }
}
