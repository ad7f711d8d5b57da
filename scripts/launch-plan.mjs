// What `npm start` does: the desktop app when it can run here, otherwise `kyc-hooks serve`
// with one line saying why. Pure decisions over probes, so test/scripts can check them
// without Electron; scripts/start.mjs supplies the real probes.
import fs from 'node:fs'
import path from 'node:path'

/** True when a window could appear: always on macOS and Windows; on Linux/BSD an X11 or Wayland display. */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * Where the electron package's binary is, without triggering its download (requiring the
 * electron package from Node would). Mirrors node_modules/electron/index.js: path.txt names
 * the executable inside dist/.
 */
export function probeElectronBinary(electronDir, env = process.env) {
  let relative
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim()
  } catch {
    return { ok: false, reason: 'the Electron binary is not installed (node_modules/electron has no path.txt)' }
  }
  const full = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(electronDir, 'dist', relative)
  if (!fs.existsSync(full)) return { ok: false, reason: `the Electron binary is missing (${full} does not exist)` }
  return { ok: true, path: full }
}

/**
 * Decides how to start. Checks run in order and stop at the first that fails, so slow
 * probes (downloading Electron, building the sqlite binding) only run when they can matter.
 * @param {{
 *   platform: NodeJS.Platform,
 *   env: Record<string, string | undefined>,
 *   isRoot: boolean,
 *   electron: () => Promise<{ ok: true, path: string } | { ok: false, reason: string }>,
 *   nativeSqlite: () => Promise<{ ok: true } | { ok: false, reason: string }>
 * }} input
 * @returns {Promise<{ kind: 'electron', electronPath: string } | { kind: 'serve', reason: string }>}
 */
export async function planLaunch(input) {
  const { platform, env } = input
  if (env.KYC_HOOKS_NO_ELECTRON === '1') return { kind: 'serve', reason: 'KYC_HOOKS_NO_ELECTRON=1 is set' }
  if (!hasDisplay(platform, env)) {
    return { kind: 'serve', reason: 'there is no display: neither DISPLAY nor WAYLAND_DISPLAY is set' }
  }
  if (input.isRoot && platform === 'linux') {
    // Electron refuses to run as root unless Chromium's sandbox is switched off; we keep it on.
    return { kind: 'serve', reason: 'Electron does not run as root with its sandbox on: run npm start as a normal user' }
  }
  const electron = await input.electron()
  if (!electron.ok) return { kind: 'serve', reason: electron.reason }
  const sqlite = await input.nativeSqlite()
  if (!sqlite.ok) return { kind: 'serve', reason: sqlite.reason }
  return { kind: 'electron', electronPath: electron.path }
}

/** The one line `npm start` prints before falling back. */
export function fallbackLine(reason) {
  return `npm start: the desktop app cannot start here (${reason}), so this runs \`kyc-hooks serve\` instead: open the URL it prints.`
}
