/**
 * Making the local CA and the leaf it signs. EC P-256 keys with SHA-256 signatures:
 * small, fast to generate and accepted by every TLS client we care about.
 */
import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

/** A certificate and its private key, both PEM. */
export interface KeyedCert {
  certPem: string
  keyPem: string
}

const DAY_MS = 24 * 60 * 60 * 1000
/** The CA lives long: users trust it once in their OS or app and should not have to again. */
export const CA_VALIDITY_DAYS = 3650
/** Under 398 days, the ceiling some clients apply to leaf certificates even from private roots. */
export const LEAF_VALIDITY_DAYS = 397
/** Re-issue the leaf when fewer than this many days are left, so a running listener never lapses. */
export const LEAF_RENEW_BEFORE_DAYS = 30

/** The names the leaf answers for: what "local" means to browsers, curl and Node. */
export const LEAF_DNS_NAMES = ['localhost']
export const LEAF_IPS = ['127.0.0.1', '::1']

// Backdate a little so a client whose clock is slightly behind still accepts a fresh cert.
function notBefore(now: Date): Date {
  return new Date(now.getTime() - 60 * 60 * 1000)
}

/** A new self-signed CA that may only sign certificates (no server use). */
export async function generateCa(now = new Date()): Promise<KeyedCert> {
  const result = await generate(
    [
      { name: 'commonName', value: `Smart KYC Webhook Workbench local CA ${now.toISOString().slice(0, 10)}` },
      { name: 'organizationName', value: 'Smart KYC Webhook Workbench (local development only)' }
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore(now),
      notAfterDate: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      ]
    }
  )
  return { certPem: result.cert, keyPem: result.private }
}

/** A server certificate for localhost, 127.0.0.1 and ::1, signed by `ca`. */
export async function issueLeaf(ca: KeyedCert, now = new Date()): Promise<KeyedCert> {
  const result = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore(now),
    notAfterDate: new Date(now.getTime() + LEAF_VALIDITY_DAYS * DAY_MS),
    ca: { cert: ca.certPem, key: ca.keyPem },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...LEAF_DNS_NAMES.map((value) => ({ type: 2 as const, value })),
          ...LEAF_IPS.map((ip) => ({ type: 7 as const, ip }))
        ]
      }
    ]
  })
  return { certPem: result.cert, keyPem: result.private }
}

/** True when `cert` parses, is inside its validity window with `marginDays` to spare. */
export function isFresh(cert: X509Certificate, now: Date, marginDays = 0): boolean {
  const from = Date.parse(cert.validFrom)
  const to = Date.parse(cert.validTo)
  return from <= now.getTime() && to - marginDays * DAY_MS > now.getTime()
}

/** True when `leaf` was signed by `ca` (so a CA replaced behind our back forces a new leaf). */
export function isSignedBy(leaf: X509Certificate, ca: X509Certificate): boolean {
  try {
    return leaf.checkIssued(ca) && leaf.verify(ca.publicKey)
  } catch {
    return false
  }
}

/** Parses a PEM certificate, or null when the text is not one. */
export function parseCert(pem: string): X509Certificate | null {
  try {
    return new X509Certificate(pem)
  } catch {
    return null
  }
}
