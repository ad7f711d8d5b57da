#!/usr/bin/env node
// `npm start`: build, then open the desktop app; where Electron cannot run (no binary and
// no internet to fetch it, no display, no Electron build of better-sqlite3), say why in
// one line and run `kyc-hooks serve` instead, which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fs from 'node:fs'
import { fallbackLine, planLaunch, probeElectronBinary } from './launch-plan.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const electronDir = path.join(root, 'node_modules', 'electron')
const DOWNLOAD_TIMEOUT_MS = 180_000

function run(args, options = {}) {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...options })
}

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5_000) })
    return true
  } catch {
    return false
  }
}

/** The Electron binary, downloading it once (the electron package fetches it lazily) when online. */
async function ensureElectron() {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed: run npm install' }
  }
  const first = probeElectronBinary(electronDir)
  if (first.ok) return first
  if (!(await reachable('https://github.com'))) {
    return { ok: false, reason: 'the Electron binary is not installed and github.com is unreachable to download it' }
  }
  const { version } = require(path.join(electronDir, 'package.json'))
  console.log(`npm start: downloading Electron ${version} (once)...`)
  const install = run([path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: DOWNLOAD_TIMEOUT_MS })
  const second = probeElectronBinary(electronDir)
  if (second.ok) return second
  const why = install.error ? install.error.message : String(install.stderr ?? '').trim().split('\n').pop()
  return { ok: false, reason: `the Electron binary could not be downloaded (${why || 'unknown error'})` }
}

/** The Electron build of better-sqlite3 (scripts/prepare-electron-sqlite.mjs; a no-op when ready). */
async function ensureNativeSqlite() {
  const result = run([path.join(root, 'scripts', 'prepare-electron-sqlite.mjs'), '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status === 0) return { ok: true }
  const line = String(result.stderr ?? '').trim().split('\n').pop() || 'unknown error'
  return { ok: false, reason: line.replace(/^prepare-electron-sqlite: /, '') }
}

function forwardExit(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const build = run([path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
if (build.status !== 0) {
  console.error('npm start: the build failed (see above); fix it and run npm start again.')
  process.exit(build.status ?? 1)
}

const plan = await planLaunch({
  platform: process.platform,
  env: process.env,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  electron: ensureElectron,
  nativeSqlite: ensureNativeSqlite
})

if (plan.kind === 'electron') {
  // Set by some editors' terminals; it would make the Electron binary behave as plain Node.
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  forwardExit(spawn(plan.electronPath, ['.'], { cwd: root, stdio: 'inherit', env }))
} else {
  console.log(fallbackLine(plan.reason))
  forwardExit(spawn(process.execPath, [path.join(root, 'bin', 'kyc-hooks.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }))
}
