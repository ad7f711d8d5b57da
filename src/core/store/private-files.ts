/**
 * Owner-only files for the data that holds secrets: the database (API secret, listener
 * secrets, endpoint auth headers, all in clear), its -wal and -shm, and the data folder.
 * Modes are set with chmod after creation, so the result does not depend on the umask.
 * A looser file or folder found in place is tightened, with a one-line notice on stderr.
 */
import fs from 'node:fs'

export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Paths already reported in this process: the notice is said once per path. */
const noticed = new Set<string>()

// Windows has no group/other mode bits to speak of; its ACLs follow the user's profile folder.
const hasModes = process.platform !== 'win32'

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0')
}

/** Narrows `target` to `mode` when it grants anything to group or others; says so once. */
export function tightenIfLoose(target: string, mode: number, notice: (line: string) => void = toStderr): void {
  if (!hasModes) return
  let current: number
  try {
    current = fs.statSync(target).mode & 0o777
  } catch {
    return // absent: nothing to tighten
  }
  if ((current & 0o077) === 0) return
  fs.chmodSync(target, mode)
  if (noticed.has(target)) return
  noticed.add(target)
  notice(`tightened permissions of ${target} from ${octal(current)} to ${octal(mode)}`)
}

function toStderr(line: string): void {
  process.stderr.write(`${line}\n`)
}

/**
 * Makes sure folder `dir` exists. A folder created here is owner-only; an existing one is
 * tightened only when `tightenExisting` (the Workbench's own data folder, not the folder
 * that happens to hold a `--db` file, which may be a shared one like /tmp).
 */
export function ensurePrivateDir(dir: string, tightenExisting: boolean): void {
  if (fs.existsSync(dir)) {
    if (tightenExisting) tightenIfLoose(dir, PRIVATE_DIR_MODE)
    return
  }
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (hasModes) fs.chmodSync(dir, PRIVATE_DIR_MODE)
}

/**
 * Makes sure `file` exists and is owner-only, before SQLite opens it: SQLite then creates
 * the -wal and -shm files with the database file's mode, so they are owner-only too.
 */
export function ensurePrivateFile(file: string): void {
  if (fs.existsSync(file)) {
    tightenIfLoose(file, PRIVATE_FILE_MODE)
    return
  }
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE))
  if (hasModes) fs.chmodSync(file, PRIVATE_FILE_MODE)
}

/** The database's companion files (WAL mode), tightened when an older version left them loose. */
export function tightenDatabaseCompanions(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) tightenIfLoose(`${file}${suffix}`, PRIVATE_FILE_MODE)
}

