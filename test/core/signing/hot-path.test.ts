import * as crypto from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sign, verifySignature } from '../../../src/core/signing'

// A pass-through spy on node:crypto (not our code) to count HMACs on the receiver's hot path.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>()
  return { ...real, createHmac: vi.fn(real.createHmac) }
})

const secrets = [
  { label: 'API secret', secret: 's1' },
  { label: 'previous', secret: 's2' },
  { label: 'listener #1', secret: 's3' }
]

describe('signing: hot path cost', () => {
  afterEach(() => vi.mocked(crypto.createHmac).mockClear())

  it('computes exactly one HMAC per secret on a valid signature, and diagnoses nothing', () => {
    const body = Buffer.from('{"event":"aml.match.found"}')
    const header = sign(body, 's2')
    vi.mocked(crypto.createHmac).mockClear()
    const v = verifySignature(body, header, secrets)
    expect(v.status).toBe('valid')
    expect(vi.mocked(crypto.createHmac)).toHaveBeenCalledTimes(secrets.length)
  })

  it('diagnoses only on failure, where it may try more', () => {
    const body = Buffer.from('{"event":"aml.match.found"}')
    verifySignature(body, sign(body, 'other'), secrets)
    expect(vi.mocked(crypto.createHmac).mock.calls.length).toBeGreaterThan(secrets.length)
  })
})
