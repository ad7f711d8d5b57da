import { afterEach, describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/core/event-bus'
import { createSettingsService } from '../../../src/core/settings'
import { methods } from '../../../src/shared/contract'
import { Settings } from '../../../src/shared/models'
import { WorkbenchError } from '../../../src/shared/errors'
import { closeTempDbs, openAgain, tempDb } from '../temp-db'

afterEach(closeTempDbs)

describe('settings', () => {
  it('starts at the schema defaults', async () => {
    const { db } = tempDb('kyc-settings-')
    const service = createSettingsService(db, new EventBus())
    expect(await service.get({})).toEqual(Settings.parse({}))
  })

  it('merges an update through the contract, keeps the other settings, emits, and persists', async () => {
    const { db, file } = tempDb('kyc-settings-')
    const bus = new EventBus()
    const seen: Settings[] = []
    bus.on('settings.changed', (s) => seen.push(s))
    const service = createSettingsService(db, bus)
    await service.update(methods['settings.update'].input.parse({ retryScheduleMs: [1000, 2000] }))
    const after = await service.update(methods['settings.update'].input.parse({ theme: 'dark' }))
    expect(after).toEqual({ theme: 'dark', notifications: true, retryScheduleMs: [1000, 2000], retention: { keepLast: null, keepDays: null } })
    expect(seen.at(-1)).toEqual(after)
    db.close()

    const reopened = openAgain(file)
    expect(createSettingsService(reopened, new EventBus()).current()).toEqual(after)
  })

  it('refuses an invalid value with a message naming the setting, and changes nothing', async () => {
    const { db } = tempDb('kyc-settings-')
    const service = createSettingsService(db, new EventBus())
    const err = await service.update({ retryScheduleMs: [-5] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkbenchError)
    expect((err as WorkbenchError).message).toMatch(/retryScheduleMs/)
    expect(service.current()).toEqual(Settings.parse({}))
  })

  it('falls back to the default for a stored value that no longer validates', () => {
    const { db } = tempDb('kyc-settings-')
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?), (?, ?), (?, ?)').run(
      'theme', '"purple"', 'notifications', 'not json', 'retryScheduleMs', '[10]'
    )
    const service = createSettingsService(db, new EventBus())
    expect(service.current()).toEqual({ theme: 'system', notifications: true, retryScheduleMs: [10], retention: { keepLast: null, keepDays: null } })
  })

  it('sees a change committed by another connection', async () => {
    const { db, file } = tempDb('kyc-settings-')
    const service = createSettingsService(db, new EventBus())
    expect(service.current().theme).toBe('system')
    const other = openAgain(file)
    await createSettingsService(other, new EventBus()).update({ theme: 'light' })
    expect(service.current().theme).toBe('light')
  })
})
