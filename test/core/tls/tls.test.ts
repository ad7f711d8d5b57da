import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import https from 'node:https'
import tls from 'node:tls'
import { X509Certificate } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createTlsService, type LocalTls } from '../../../src/core/tls'
import { generateCa, issueLeaf } from '../../../src/core/tls/certificates'

const dirs: string[] = []
const servers: https.Server[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-tls-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r))
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

async function serve(local: LocalTls): Promise<number> {
  const server = https.createServer({ cert: local.leafCertPem, key: local.leafKeyPem }, (_req, res) => res.end('ok'))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

function get(port: number, options: { ca?: string; servername?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      { host: '127.0.0.1', port, path: '/', ca: options.ca, servername: options.servername, agent: false },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve(text))
      }
    )
    req.on('error', reject)
  })
}

describe('local TLS', () => {
  it('creates a CA and a leaf that a client trusting only the CA accepts, for localhost and 127.0.0.1', async () => {
    const dir = tempDir()
    const service = createTlsService(dir)
    const local = await service.ensure()
    const port = await serve(local)

    expect(await get(port, { ca: local.caCertPem, servername: 'localhost' })).toBe('ok')
    // No SNI for an IP: Node checks the IP SAN against the host it connected to.
    expect(await get(port, { ca: local.caCertPem })).toBe('ok')

    // Same check at the tls level, naming the host explicitly.
    await new Promise<void>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: local.caCertPem, servername: 'localhost' }, () => {
        expect(socket.authorized).toBe(true)
        socket.end()
        resolve()
      })
      socket.on('error', reject)
    })
  })

  it('is refused by a client that does not trust the CA', async () => {
    const local = await createTlsService(tempDir()).ensure()
    const port = await serve(local)
    await expect(get(port, { servername: 'localhost' })).rejects.toThrow(/certificate/i)
    const stranger = await generateCa()
    await expect(get(port, { ca: stranger.certPem, servername: 'localhost' })).rejects.toThrow(/certificate|signature/i)
  })

  it('uses EC P-256 with SHA-256, SANs for localhost, 127.0.0.1 and ::1, and stores keys 0600', async () => {
    const dir = tempDir()
    const local = await createTlsService(dir).ensure()
    const leaf = new X509Certificate(local.leafCertPem)
    const ca = new X509Certificate(local.caCertPem)
    expect(leaf.subjectAltName).toContain('DNS:localhost')
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1')
    expect(leaf.subjectAltName?.replace(/:0/g, ':')).toMatch(/IP Address:(::1|:::::::1)/i)
    expect(leaf.publicKey.asymmetricKeyType).toBe('ec')
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(ca.ca).toBe(true)
    expect(leaf.ca).toBe(false)
    expect(leaf.checkIssued(ca)).toBe(true)
    expect(local.fingerprint256).toBe(ca.fingerprint256)
    expect(local.caCertPath).toBe(path.join(dir, 'tls', 'ca.pem'))
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(dir, 'tls', 'ca-key.pem')).mode & 0o777).toBe(0o600)
      expect(fs.statSync(path.join(dir, 'tls', 'leaf-key.pem')).mode & 0o777).toBe(0o600)
    }
    expect(fs.readFileSync(path.join(dir, 'tls', 'leaf.pem'), 'utf8')).toBe(local.leafCertPem)
  })

  it('memoises: concurrent callers share one generation, and a later process reuses the files', async () => {
    const dir = tempDir()
    const service = createTlsService(dir)
    const [a, b, c] = await Promise.all([service.ensure(), service.ensure(), service.ensure()])
    expect(b).toBe(a)
    expect(c).toBe(a)
    const again = await createTlsService(dir).ensure()
    expect(again.caCertPem).toBe(a.caCertPem)
    expect(again.leafCertPem).toBe(a.leafCertPem)
    expect((await service.ca({})).fingerprint256).toBe(a.fingerprint256)
  })

  it('re-issues an expired leaf under the same CA', async () => {
    const dir = tempDir()
    const first = await createTlsService(dir).ensure()
    const past = new Date(Date.now() - 500 * 24 * 60 * 60 * 1000)
    const stale = await issueLeaf({ certPem: first.caCertPem, keyPem: fs.readFileSync(path.join(dir, 'tls', 'ca-key.pem'), 'utf8') }, past)
    fs.writeFileSync(path.join(dir, 'tls', 'leaf.pem'), stale.certPem)
    fs.writeFileSync(path.join(dir, 'tls', 'leaf-key.pem'), stale.keyPem)

    const second = await createTlsService(dir).ensure()
    expect(second.caCertPem).toBe(first.caCertPem)
    expect(second.leafCertPem).not.toBe(stale.certPem)
    expect(Date.parse(new X509Certificate(second.leafCertPem).validTo)).toBeGreaterThan(Date.now())
  })

  it('re-issues a leaf whose key file does not match, and one signed by another CA', async () => {
    const dir = tempDir()
    const first = await createTlsService(dir).ensure()
    const other = await generateCa()
    const foreign = await issueLeaf(other)
    fs.writeFileSync(path.join(dir, 'tls', 'leaf.pem'), foreign.certPem)
    fs.writeFileSync(path.join(dir, 'tls', 'leaf-key.pem'), foreign.keyPem)
    const second = await createTlsService(dir).ensure()
    expect(second.caCertPem).toBe(first.caCertPem)
    expect(new X509Certificate(second.leafCertPem).checkIssued(new X509Certificate(first.caCertPem))).toBe(true)

    fs.writeFileSync(path.join(dir, 'tls', 'leaf-key.pem'), other.keyPem)
    const third = await createTlsService(dir).ensure()
    expect(third.leafCertPem).not.toBe(second.leafCertPem)
    const port = await serve(third)
    expect(await get(port, { ca: third.caCertPem, servername: 'localhost' })).toBe('ok')
  })

  it('regenerate replaces the CA: new fingerprint, and the old CA no longer verifies the listener', async () => {
    const dir = tempDir()
    const service = createTlsService(dir)
    const before = await service.ensure()
    const after = await service.regenerate()
    expect(after.fingerprint256).not.toBe(before.fingerprint256)
    expect(await service.ensure()).toBe(after)
    expect(fs.readFileSync(path.join(dir, 'tls', 'ca.pem'), 'utf8')).toBe(after.caCertPem)
    const port = await serve(after)
    expect(await get(port, { ca: after.caCertPem, servername: 'localhost' })).toBe('ok')
    await expect(get(port, { ca: before.caCertPem, servername: 'localhost' })).rejects.toThrow()
  })
})
