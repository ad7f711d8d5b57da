#!/usr/bin/env node
// Builds better-sqlite3 for Electron into .electron-native/, beside (never over) the Node
// build in node_modules that the CLI and the tests use. Works on a COPY of the package so
// node_modules stays untouched. Tries the project's prebuilt binary first (prebuild-install),
// then compiles against Electron's headers (node-gyp). Both need the internet once; offline
// it fails with one line. `npm start` and `npm run dist` run it; it is a no-op when the
// binary for this Electron, platform and arch is already there.
//
// Why not @electron/rebuild: run through npx it inherits npm_config_nodedir and builds
// against Node's headers while printing "Rebuild Complete", giving a binary Electron
// cannot load. Here npm_config_* is stripped from the environment of every build step.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const quiet = process.argv.includes('--quiet')
const outDir = path.join(root, '.electron-native')
const target = path.join(outDir, 'better_sqlite3.node')
const stampFile = path.join(outDir, 'better_sqlite3.json')

function fail(message) {
  console.error(`prepare-electron-sqlite: ${message}`)
  process.exit(1)
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

const electronPkg = readJson(path.join(root, 'node_modules', 'electron', 'package.json'))
const sqlitePkg = readJson(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'))
if (!electronPkg) fail('node_modules/electron is missing: run npm install first')
if (!sqlitePkg) fail('node_modules/better-sqlite3 is missing: run npm install first')
let abi
try {
  abi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim()
} catch {
  fail('node_modules/electron/abi_version is missing: reinstall electron (npm install)')
}

const wanted = {
  electron: electronPkg.version,
  abi,
  betterSqlite3: sqlitePkg.version,
  platform: process.platform,
  arch: process.arch
}
const stamp = readJson(stampFile)
if (stamp && fs.existsSync(target) && Object.entries(wanted).every(([k, v]) => stamp[k] === v)) {
  if (!quiet) console.log(`prepare-electron-sqlite: ${path.relative(root, target)} is ready for Electron ${wanted.electron} (ABI ${abi})`)
  process.exit(0)
}

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8_000) })
    return true
  } catch {
    return false
  }
}

const headersUrl = 'https://electronjs.org/headers'
const [github, headers] = await Promise.all([reachable('https://github.com'), reachable(`${headersUrl}/index.json`)])
if (!github && !headers) {
  fail(
    `offline: building better-sqlite3 for Electron ${wanted.electron} (ABI ${abi}) needs github.com or electronjs.org once; ` +
      'run `node scripts/prepare-electron-sqlite.mjs` again with internet access'
  )
}

// A copy of the package without its Node build, so nothing in node_modules changes.
const work = path.join(outDir, 'work', 'better-sqlite3')
fs.rmSync(path.join(outDir, 'work'), { recursive: true, force: true })
const source = path.join(root, 'node_modules', 'better-sqlite3')
fs.cpSync(source, work, { recursive: true, filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build' })

const env = { ...process.env }
for (const key of Object.keys(env)) if (/^npm_config_/i.test(key)) delete env[key]

function step(args) {
  const result = spawnSync(process.execPath, args, { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
  if (!quiet && result.status !== 0) process.stderr.write(output)
  return { ok: result.status === 0, output }
}

const built = path.join(work, 'build', 'Release', 'better_sqlite3.node')
const common = [`--runtime=electron`, `--target=${wanted.electron}`, `--arch=${process.arch}`]
let last = { ok: false, output: '' }
if (github) {
  if (!quiet) console.log(`prepare-electron-sqlite: fetching the prebuilt better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron}...`)
  last = step([path.join(root, 'node_modules', 'prebuild-install', 'bin.js'), ...common, `--platform=${process.platform}`])
}
if (!(last.ok && fs.existsSync(built)) && headers) {
  if (!quiet) console.log(`prepare-electron-sqlite: compiling better-sqlite3 against Electron ${wanted.electron} headers...`)
  last = step([
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    'rebuild',
    '--release',
    ...common,
    `--dist-url=${headersUrl}`,
    `--devdir=${path.join(outDir, 'gyp')}`
  ])
}
if (!(last.ok && fs.existsSync(built))) {
  const why = last.output.trim().split('\n').filter((l) => /err/i.test(l)).pop() ?? 'no binary was produced'
  fail(`could not build better-sqlite3 for Electron ${wanted.electron} (ABI ${abi}): ${why.trim()}`)
}

fs.copyFileSync(built, target)
fs.writeFileSync(stampFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2) + '\n')
fs.rmSync(path.join(outDir, 'work'), { recursive: true, force: true })
if (!quiet) console.log(`prepare-electron-sqlite: wrote ${path.relative(root, target)} for Electron ${wanted.electron} (ABI ${abi})`)
