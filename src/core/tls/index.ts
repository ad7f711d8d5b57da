/**
 * The local certificate authority: created once per data folder, it signs a leaf for
 * localhost / 127.0.0.1 / ::1 that every HTTPS listener serves. Users trust the CA once
 * (OS store, NODE_EXTRA_CA_CERTS, curl --cacert) and every listener is then trusted.
 *
 * Lifecycle: files are reused across runs; the leaf is re-issued when it is expired or
 * within 30 days of expiry, or was not signed by the CA on disk; the CA is replaced only
 * by `regenerate()`, or when its files are missing, unreadable or expired (there is then
 * nothing left to keep).
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto'
import type { ServiceOf } from '../../shared/workbench-api'
import {
  LEAF_RENEW_BEFORE_DAYS,
  generateCa,
  isFresh,
  isSignedBy,
  issueLeaf,
  parseCert,
  type KeyedCert
} from './certificates'
import { readPair, tlsPaths, writePair } from './tls-files'

/** What listeners and the UI need from the local CA. */
export type LocalTls = {
  caCertPath: string
  caCertPem: string
  leafCertPem: string
  leafKeyPem: string
  /** SHA-256 fingerprint of the CA certificate (colon-separated hex), what users compare when trusting it. */
  fingerprint256: string
}

export type TlsService = ServiceOf<'tls'> & {
  /** Path of ca.pem, whether or not it exists yet. */
  caCertPath(): string
  /** The CA and a fresh leaf, creating or renewing them as needed. Memoised; concurrent callers share one generation. */
  ensure(): Promise<LocalTls>
  /** A brand-new CA and leaf (the old CA stops being trusted by anything that trusted it). */
  regenerate(): Promise<LocalTls>
}

/** Creates the TLS service for the data folder `dataDir` (files under `<dataDir>/tls/`). */
export function createTlsService(dataDir: string): TlsService {
  const paths = tlsPaths(dataDir)
  let current: { tls: LocalTls; leaf: X509Certificate } | null = null
  let pending: Promise<LocalTls> | null = null

  function usable(pair: KeyedCert | null, now: Date, marginDays: number): X509Certificate | null {
    if (!pair) return null
    const cert = parseCert(pair.certPem)
    if (!cert || !isFresh(cert, now, marginDays) || !keyMatches(cert, pair.keyPem)) return null
    return cert
  }

  async function load(newCa: boolean): Promise<LocalTls> {
    const now = new Date()
    let caPair = newCa ? null : readPair(paths.caCert, paths.caKey)
    let ca = usable(caPair, now, 0)
    if (!caPair || !ca) {
      caPair = await generateCa(now)
      writePair(paths.dir, paths.caCert, paths.caKey, caPair)
      ca = new X509Certificate(caPair.certPem)
    }
    let leafPair = newCa ? null : readPair(paths.leafCert, paths.leafKey)
    let leaf = usable(leafPair, now, LEAF_RENEW_BEFORE_DAYS)
    if (!leafPair || !leaf || !isSignedBy(leaf, ca)) {
      leafPair = await issueLeaf(caPair, now)
      writePair(paths.dir, paths.leafCert, paths.leafKey, leafPair)
      leaf = new X509Certificate(leafPair.certPem)
    }
    const tls: LocalTls = {
      caCertPath: paths.caCert,
      caCertPem: caPair.certPem,
      leafCertPem: leafPair.certPem,
      leafKeyPem: leafPair.keyPem,
      fingerprint256: ca.fingerprint256
    }
    current = { tls, leaf }
    return tls
  }

  function run(newCa: boolean): Promise<LocalTls> {
    const p = load(newCa).finally(() => {
      if (pending === p) pending = null
    })
    pending = p
    return p
  }

  function ensure(): Promise<LocalTls> {
    if (pending) return pending
    if (current && isFresh(current.leaf, new Date(), LEAF_RENEW_BEFORE_DAYS)) return Promise.resolve(current.tls)
    return run(false)
  }

  async function regenerate(): Promise<LocalTls> {
    // Let an in-flight generation finish first so its late writes cannot overwrite ours.
    while (pending) await pending.catch(() => undefined)
    return run(true)
  }

  return {
    caCertPath: () => paths.caCert,
    ensure,
    regenerate,
    async ca() {
      const tls = await ensure()
      return { path: tls.caCertPath, pem: tls.caCertPem, fingerprint256: tls.fingerprint256 }
    }
  }
}

// A key file that does not belong to its certificate would make every TLS handshake fail.
function keyMatches(cert: X509Certificate, keyPem: string): boolean {
  try {
    const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' })
    const fromCert = cert.publicKey.export({ type: 'spki', format: 'der' })
    return fromKey.equals(fromCert)
  } catch {
    return false
  }
}
