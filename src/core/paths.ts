import os from 'node:os'
import path from 'node:path'

export const APP_FOLDER_NAME = 'Smart KYC Webhook Workbench'
export const DB_FILE_NAME = 'workbench.sqlite'

/**
 * The per-user data folder shared by the desktop app, `kyc-hooks serve` and the CLI.
 * It matches Electron's `app.getPath('userData')` for our product name, so the desktop
 * app and the CLI open the same file without either asking Electron.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KYC_HOOKS_DATA_DIR) return path.resolve(env.KYC_HOOKS_DATA_DIR)
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER_NAME)
}

export interface DataLocation {
  dataDir: string
  dbFile: string
}

/**
 * Where the data lives: `--db FILE` (or KYC_HOOKS_DB) names the database and its folder
 * holds the rest (the local CA); otherwise the default data folder.
 */
export function resolveDataLocation(options: { db?: string; dataDir?: string } = {}, env = process.env): DataLocation {
  const dbOverride = options.db ?? env.KYC_HOOKS_DB
  if (dbOverride) {
    const dbFile = path.resolve(dbOverride)
    return { dataDir: options.dataDir ? path.resolve(options.dataDir) : path.dirname(dbFile), dbFile }
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : defaultDataDir(env)
  return { dataDir, dbFile: path.join(dataDir, DB_FILE_NAME) }
}

/**
 * Whether the data folder is the Workbench's own (the default one, or one named with
 * KYC_HOOKS_DATA_DIR / dataDir), rather than merely the folder a `--db` file sits in, which
 * may be shared (/tmp, a project folder) and is not ours to tighten.
 */
export function ownsDataDir(options: { db?: string; dataDir?: string } = {}, env = process.env): boolean {
  return options.dataDir !== undefined || !(options.db ?? env.KYC_HOOKS_DB)
}
