/**
 * Reads a body as exact bytes from a file or stdin. Signatures are computed over bytes,
 * so nothing here trims, decodes or re-encodes what it read.
 */
import fs from 'node:fs'
import { WorkbenchError } from '../shared/errors'

/** How a user named the source in their command, for messages: `--data payload.json`, `stdin`. */
export function sourceLabel(flag: string | null, source: string | undefined): string {
  const name = source === undefined || source === '-' ? 'stdin' : source
  return flag ? `${flag} ${name}` : name
}

export function explainFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file: check the path'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: check the file permissions'
    case 'EISDIR':
      return 'it is a folder, not a file: name a file'
    default:
      return `${err.code ?? 'error'}: ${err.message}`
  }
}

/** Reads all of stdin as bytes. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

/**
 * The exact bytes of FILE, or of stdin when the source is `-` or absent.
 * `flag` names the option in messages (`--data`), or null for a positional FILE.
 */
export async function readBytes(source: string | undefined, flag: string | null = null): Promise<Buffer> {
  if (source === undefined || source === '-') return readStdin()
  try {
    return await fs.promises.readFile(source)
  } catch (err) {
    throw new WorkbenchError('io', `cannot read ${sourceLabel(flag, source)}: ${explainFsError(err as NodeJS.ErrnoException)}`)
  }
}

/** Writes text or bytes to FILE, with a message naming the file when it cannot. */
export async function writeFileChecked(file: string, content: string | Uint8Array, flag = '--out'): Promise<void> {
  try {
    await fs.promises.writeFile(file, content)
  } catch (err) {
    throw new WorkbenchError('io', `cannot write ${flag} ${file}: ${explainFsError(err as NodeJS.ErrnoException)}`)
  }
}

/** Checks that FILE can be read now, so a bad `--ca` fails before anything is sent. */
export function assertReadable(file: string, flag: string): void {
  try {
    fs.accessSync(file, fs.constants.R_OK)
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
  } catch (err) {
    throw new WorkbenchError('io', `cannot read ${flag} ${file}: ${explainFsError(err as NodeJS.ErrnoException)}`)
  }
}
