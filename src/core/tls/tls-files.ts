/**
 * The four PEM files of `<dataDir>/tls/`. Writes go to a temporary file renamed into
 * place, so a crash mid-write never leaves half a key behind; private keys are 0600.
 */
import fs from 'node:fs'
import path from 'node:path'
import { WorkbenchError, messageOf } from '../../shared/errors'
import type { KeyedCert } from './certificates'

export interface TlsPaths {
  dir: string
  caCert: string
  caKey: string
  leafCert: string
  leafKey: string
}

/** Where the CA and leaf live under a data folder. */
export function tlsPaths(dataDir: string): TlsPaths {
  const dir = path.join(dataDir, 'tls')
  return {
    dir,
    caCert: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca-key.pem'),
    leafCert: path.join(dir, 'leaf.pem'),
    leafKey: path.join(dir, 'leaf-key.pem')
  }
}

/** Reads a certificate + key pair, or null when either file is missing or unreadable. */
export function readPair(certFile: string, keyFile: string): KeyedCert | null {
  try {
    return { certPem: fs.readFileSync(certFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8') }
  } catch {
    return null
  }
}

/** Writes a certificate (0644) and its key (0600), each atomically. */
export function writePair(dir: string, certFile: string, keyFile: string, pair: KeyedCert): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    // Key first: a cert on disk without its key would be unusable, the reverse is just stale.
    writeAtomic(keyFile, pair.keyPem, 0o600)
    writeAtomic(certFile, pair.certPem, 0o644)
  } catch (err) {
    throw new WorkbenchError(
      'io',
      `cannot write the local TLS certificates to ${dir}: ${messageOf(err)}. ` +
        'Check that the data folder is writable, or pass --db FILE to use a data folder elsewhere'
    )
  }
}

function writeAtomic(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
  try {
    fs.writeFileSync(tmp, text, { mode })
    // writeFileSync's mode only applies to new files and is masked by umask; keys must be 0600.
    fs.chmodSync(tmp, mode)
    fs.renameSync(tmp, file)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw err
  }
}
