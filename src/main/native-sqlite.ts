/**
 * Where the desktop app finds its own better-sqlite3 binary. Electron has a different
 * native ABI from Node, so the app never loads node_modules/better-sqlite3's build (that
 * one stays for the CLI and the tests); it passes an Electron build to createWorkbench as
 * `nativeBinding`. scripts/prepare-electron-sqlite.mjs makes that build; packaging copies
 * it to resources/native/.
 */
import fs from 'node:fs'
import path from 'node:path'

export const NATIVE_BINDING_FILE = 'better_sqlite3.node'
/** Written by scripts/prepare-electron-sqlite.mjs beside the binary: what it was built for. */
export const NATIVE_STAMP_FILE = 'better_sqlite3.json'
/** The development folder, relative to the app (repository) root. */
export const DEV_NATIVE_DIR = '.electron-native'

export type BindingResolution = { ok: true; path: string } | { ok: false; message: string }

export interface BindingContext {
  isPackaged: boolean
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string
  /** app.getAppPath(): the repository root in development. */
  appPath: string
  /** The running Electron's module ABI (process.versions.modules), to catch a stale build. */
  runtimeAbi?: string
  env?: NodeJS.ProcessEnv
}

const PREPARE_HINT = 'run `node scripts/prepare-electron-sqlite.mjs` (needs internet once), or `npm start`, which runs it'

function readStampAbi(binary: string): string | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(path.dirname(binary), NATIVE_STAMP_FILE), 'utf8')) as { abi?: unknown }
    return typeof stamp.abi === 'string' ? stamp.abi : null
  } catch {
    return null
  }
}

/**
 * The absolute path of the Electron build of better_sqlite3.node, or a message saying why
 * there is none and what to do. KYC_HOOKS_ELECTRON_SQLITE overrides the location.
 */
export function resolveNativeBinding(ctx: BindingContext): BindingResolution {
  const env = ctx.env ?? process.env
  const override = env.KYC_HOOKS_ELECTRON_SQLITE
  const candidate = override
    ? path.resolve(override)
    : ctx.isPackaged
      ? path.join(ctx.resourcesPath, 'native', NATIVE_BINDING_FILE)
      : path.join(ctx.appPath, DEV_NATIVE_DIR, NATIVE_BINDING_FILE)

  if (!fs.existsSync(candidate)) {
    const fix = override
      ? 'KYC_HOOKS_ELECTRON_SQLITE names a file that does not exist: fix the path or unset it'
      : ctx.isPackaged
        ? 'reinstall the app: the package is incomplete'
        : PREPARE_HINT
    return { ok: false, message: `the Electron build of better-sqlite3 is missing at ${candidate}: ${fix}` }
  }
  if (!override && !ctx.isPackaged && ctx.runtimeAbi) {
    const builtFor = readStampAbi(candidate)
    if (builtFor !== null && builtFor !== ctx.runtimeAbi) {
      return {
        ok: false,
        message: `${candidate} was built for Electron ABI ${builtFor} but this Electron needs ABI ${ctx.runtimeAbi}: ${PREPARE_HINT}`
      }
    }
  }
  return { ok: true, path: candidate }
}
