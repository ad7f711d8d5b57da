import { afterEach, describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/core/event-bus'
import { createCredentialsService, VERSION_CHECK_MS } from '../../../src/core/credentials'
import { WorkbenchError } from '../../../src/shared/errors'
import { closeTempDbs, openAgain, tempDb } from '../temp-db'

afterEach(closeTempDbs)

describe('credentials', () => {
  it('starts empty, creates a key and a secret shown once, then only masked', async () => {
    const { db } = tempDb('kyc-cred-')
    const bus = new EventBus()
    const changes: unknown[] = []
    bus.on('credentials.changed', (p) => changes.push(p))
    const service = createCredentialsService(db, bus)
    expect(await service.get({})).toBeNull()
    expect(service.verificationSecrets()).toEqual([])
    expect(service.apiKey()).toBeNull()

    const created = await service.create({})
    expect(created.apiKey).toMatch(/^skyc_key_[A-Za-z0-9]{32}$/)
    expect(created.secret).toMatch(/^skyc_sec_[A-Za-z0-9]{48}$/)
    const secret = created.secret as string
    expect(created.secretMasked).toBe(`${secret.slice(0, 8)}…${secret.slice(-4)}`)
    expect(changes).toHaveLength(1)

    const later = await service.get({})
    expect(later).not.toBeNull()
    expect(later).not.toHaveProperty('secret')
    expect(JSON.stringify(later)).not.toContain(secret)
    expect(later?.secretMasked).toBe(created.secretMasked)
    expect(service.currentSecret()).toBe(secret)
    expect(service.apiKey()).toBe(created.apiKey)
    expect(service.verificationSecrets()).toEqual([{ label: 'API secret', secret }])
  })

  it('refuses a second create with a conflict that says to rotate', async () => {
    const { db } = tempDb('kyc-cred-')
    const service = createCredentialsService(db, new EventBus())
    await service.create({})
    const err = await service.create({}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkbenchError)
    expect((err as WorkbenchError).code).toBe('conflict')
    expect((err as WorkbenchError).message).toMatch(/rotate/)
  })

  it('rotates: new secret, same key, the old one verifies during the grace period and is expired after it', async () => {
    const { db } = tempDb('kyc-cred-')
    let clock = new Date('2026-01-01T00:00:00.000Z')
    const service = createCredentialsService(db, new EventBus(), () => clock)
    const first = await service.create({})
    clock = new Date('2026-01-02T00:00:00.000Z')
    const second = await service.rotate({ graceHours: 24 })
    expect(second.apiKey).toBe(first.apiKey)
    expect(second.secret).not.toBe(first.secret)
    expect(second.previous).toEqual([
      { masked: first.secretMasked, retiredAt: '2026-01-02T00:00:00.000Z', validUntil: '2026-01-03T00:00:00.000Z' }
    ])
    expect(service.verificationSecrets()).toEqual([
      { label: 'API secret', secret: second.secret },
      { label: 'previous API secret (rotated 2026-01-02T00:00:00.000Z)', secret: first.secret }
    ])
    expect(service.expiredSecrets()).toEqual([])

    clock = new Date('2026-01-03T00:00:01.000Z')
    expect(service.verificationSecrets()).toEqual([{ label: 'API secret', secret: second.secret }])
    expect(service.expiredSecrets()).toEqual([
      { label: 'expired API secret (rotated 2026-01-02T00:00:00.000Z)', secret: first.secret }
    ])
    expect((await service.get({}))?.previous).toEqual([])
  })

  it('rotate with 0 grace retires the old secret at once; rotate without credentials creates them', async () => {
    const { db } = tempDb('kyc-cred-')
    const service = createCredentialsService(db, new EventBus())
    const first = await service.rotate({ graceHours: 0 })
    expect(first.secret).toMatch(/^skyc_sec_/)
    const second = await service.rotate({ graceHours: 0 })
    expect(service.verificationSecrets().map((s) => s.secret)).toEqual([second.secret])
    expect(service.expiredSecrets().map((s) => s.secret)).toEqual([first.secret])
  })

  it('persists across a reopen and sees a rotation made by another connection', async () => {
    const { db, file } = tempDb('kyc-cred-')
    const service = createCredentialsService(db, new EventBus())
    const created = await service.create({})
    const other = openAgain(file)
    const otherService = createCredentialsService(other, new EventBus())
    expect(otherService.currentSecret()).toBe(created.secret)
    const rotated = await otherService.rotate({ graceHours: 1 })
    // Another process's change is picked up at the next check, at most VERSION_CHECK_MS later.
    await new Promise((r) => setTimeout(r, VERSION_CHECK_MS + 50))
    expect(service.currentSecret()).toBe(rotated.secret)
    expect(service.verificationSecrets().map((s) => s.secret)).toEqual([rotated.secret, created.secret])
  })
})
