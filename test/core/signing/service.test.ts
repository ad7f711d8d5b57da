import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCredentialsService } from '../../../src/core/credentials'
import { EventBus } from '../../../src/core/event-bus'
import { createSigningService, sign } from '../../../src/core/signing'
import { openDatabase, type Db } from '../../../src/core/store/database'

const dirs: string[] = []
const dbs: Db[] = []

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** The signing service wired to real credentials in a fresh SQLite file, as the Workbench wires it. */
function setup(now: () => Date = () => new Date()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  dirs.push(dir)
  const db = openDatabase(path.join(dir, 'workbench.sqlite'))
  dbs.push(db)
  const credentials = createCredentialsService(db, new EventBus(), now)
  const signing = createSigningService({
    verificationSecrets: () => credentials.verificationSecrets(),
    apiKey: () => credentials.apiKey(),
    expiredSecrets: () => credentials.expiredSecrets(),
    currentSecret: () => credentials.currentSecret()
  })
  return { credentials, signing }
}

const body = '{"event":"invitation.sent","data":{"invitationId":"inv_1"}}'

describe('signing service', () => {
  it('signs with a given secret', async () => {
    const { signing } = setup()
    expect(await signing.sign({ body, secret: 'k' })).toEqual({ signature: sign(body, 'k') })
  })

  it('signs with the stored secret, or says null before credentials exist', async () => {
    const { signing, credentials } = setup()
    expect(await signing.signWithStored({ body })).toEqual({ signature: null })
    const { secret } = await credentials.create({})
    expect(await signing.signWithStored({ body })).toEqual({ signature: sign(body, secret as string) })
  })

  it('verifies with pasted secrets, named by their last characters (not "pasted #2"), before the stored ones', async () => {
    const { signing, credentials } = setup()
    const { secret } = await credentials.create({})
    const v = await signing.verify({ body, signature: sign(body, 'second-secret-ab12'), secrets: ['one', '', 'second-secret-ab12'], useStored: true })
    expect(v.status).toBe('valid')
    expect(v.matchedSecret).toBe('pasted secret …ab12')
    // The digest shown is the one that matched, named: not the first pasted secret's.
    expect(v.expected).toBe(sign(body, 'second-secret-ab12'))
    expect(v.expectedSecret).toBe('pasted secret …ab12')
    const stored = await signing.verify({ body, signature: sign(body, secret as string), secrets: ['one'], useStored: true })
    expect(stored.matchedSecret).toBe('API secret')
  })

  it('leaves the stored secrets out when useStored is false', async () => {
    const { signing, credentials } = setup()
    const { secret } = await credentials.create({})
    const v = await signing.verify({ body, signature: sign(body, secret as string), secrets: [], useStored: false })
    expect(v.status).toBe('invalid')
    expect(v.diagnosis?.code).toBe('no-secret')
  })

  it('reads the API key and expired secrets from credentials to explain a mismatch', async () => {
    let clock = new Date('2025-01-01T00:00:00Z')
    const { signing, credentials } = setup(() => clock)
    const first = await credentials.create({})
    const keyed = await signing.verify({ body, signature: sign(body, first.apiKey), secrets: [], useStored: true })
    expect(keyed.diagnosis?.code).toBe('signed-with-api-key')

    await credentials.rotate({ graceHours: 1 })
    const inGrace = await signing.verify({ body, signature: sign(body, first.secret as string), secrets: [], useStored: true })
    expect(inGrace.status).toBe('valid')

    clock = new Date('2025-01-01T02:00:00Z')
    const expired = await signing.verify({ body, signature: sign(body, first.secret as string), secrets: [], useStored: true })
    expect(expired.status).toBe('invalid')
    expect(expired.diagnosis?.code).toBe('rotated-secret')
  })

  it('reports a missing signature as missing', async () => {
    const { signing } = setup()
    expect((await signing.verify({ body, signature: '', secrets: ['k'], useStored: false })).status).toBe('missing')
  })
})
