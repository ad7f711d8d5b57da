/**
 * The Workbench's own API credentials (what Smart KYC calls API Key and API Secret), kept
 * in the `credentials` table. One row is current (retired_at NULL); rotated rows keep
 * their secret and stay valid for verification until valid_until (the grace period), so
 * webhooks signed just before a rotation still verify.
 *
 * Decisions:
 * - The secret is revealed once, in the answer to create or rotate; afterwards only masked.
 * - create when credentials exist is refused (conflict): replacing a secret silently would
 *   break every receiver configured with it; rotate says what happens to the old one.
 * - rotate keeps the API key and replaces the secret: the key identifies the account, the
 *   secret is what signs. Rotating with no credentials yet creates them.
 * - Secrets are stored in the local database in clear: the receiver must recompute HMACs
 *   with them, and the data folder is the user's own.
 */
import type { Db } from '../store/database'
import type { EventBus } from '../event-bus'
import type { ServiceOf } from '../../shared/workbench-api'
import type { LabeledSecret } from '../signing'
import type { Credentials } from '../../shared/models'
import { WorkbenchError } from '../../shared/errors'
import { createHash, timingSafeEqual } from 'node:crypto'
import { maskSecret, newApiKey, newApiSecret } from './generate'

/** Constant-time equality of two strings (hashed first, so their lengths leak nothing either). */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest())
}

interface CredentialRow {
  id: number
  api_key: string
  secret: string
  created_at: string
  retired_at: string | null
  valid_until: string | null
}

export type CredentialsService = ServiceOf<'credentials'> & {
  /** Secrets to verify incoming webhooks with: the current one first, then rotated ones still in grace. */
  verificationSecrets(): LabeledSecret[]
  /** Rotated secrets whose grace has ended: never accepted, but they explain a mismatch. */
  expiredSecrets(): LabeledSecret[]
  /** The current API secret, or null before credentials exist. */
  currentSecret(): string | null
  /** The API key, or null before credentials exist. */
  apiKey(): string | null
  /**
   * Whether `key` may call the mock platform's API: the current key, or a key rotated away
   * whose grace period has not ended. Compared in constant time.
   */
  apiKeyStatus(key: string): 'current' | 'grace' | 'expired' | 'unknown'
}

const HOUR_MS = 60 * 60 * 1000
/** How stale a change made by another process (e.g. a rotation from the CLI) may be seen. */
export const VERSION_CHECK_MS = 250

/** Creates the credentials service over `db`; emits `credentials.changed` on create and rotate. */
export function createCredentialsService(db: Db, bus: EventBus, now: () => Date = () => new Date()): CredentialsService {
  const selectCurrent = db.prepare<[], CredentialRow>(
    'SELECT * FROM credentials WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1'
  )
  const selectRetired = db.prepare<[], CredentialRow>(
    'SELECT * FROM credentials WHERE retired_at IS NOT NULL ORDER BY retired_at DESC, id DESC'
  )
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO credentials (api_key, secret, created_at) VALUES (?, ?, ?)'
  )
  const retire = db.prepare<[string, string, number]>(
    'UPDATE credentials SET retired_at = ?, valid_until = ? WHERE id = ?'
  )

  // Verification runs on every captured request: read the table only when it may have
  // changed. data_version moves when another connection (the CLI, a second app) commits;
  // a prepared statement, because db.pragma() re-prepares on every call (~15 us).
  // Even prepared, asking costs a few microseconds per request on a WAL database, so ask at
  // most every VERSION_CHECK_MS: another process's rotation shows up within that time.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  let cache: { current: CredentialRow | null; retired: CredentialRow[]; version: number; checkedAt: number } | null = null
  function rows() {
    const t = performance.now()
    if (cache && t - cache.checkedAt < VERSION_CHECK_MS) return cache
    const version = dataVersion.get() as number
    if (!cache || cache.version !== version) {
      cache = { current: selectCurrent.get() ?? null, retired: selectRetired.all(), version, checkedAt: t }
      lists = null
    } else {
      cache.checkedAt = t
    }
    return cache
  }

  // The labelled lists only change with the table or when a grace period ends.
  let lists: { verification: LabeledSecret[]; expired: LabeledSecret[]; until: number } | null = null
  function secretLists() {
    const { current, retired } = rows()
    const at = now().getTime()
    if (lists && at < lists.until) return lists
    const verification: LabeledSecret[] = []
    const expired: LabeledSecret[] = []
    let until = Infinity
    if (current) verification.push({ label: 'API secret', secret: current.secret })
    for (const row of retired) {
      const end = row.valid_until === null ? -Infinity : Date.parse(row.valid_until)
      if (end > at) {
        verification.push(label(row, 'previous API secret'))
        until = Math.min(until, end)
      } else {
        expired.push(label(row, 'expired API secret'))
      }
    }
    lists = { verification, expired, until }
    return lists
  }

  function inGrace(row: CredentialRow, at: Date): boolean {
    return row.valid_until !== null && Date.parse(row.valid_until) > at.getTime()
  }

  function view(current: CredentialRow, secret?: string): Credentials {
    const at = now()
    return {
      apiKey: current.api_key,
      secretMasked: maskSecret(current.secret),
      ...(secret !== undefined ? { secret } : {}),
      createdAt: current.created_at,
      previous: rows()
        .retired.filter((r) => inGrace(r, at))
        .map((r) => ({ masked: maskSecret(r.secret), retiredAt: r.retired_at ?? '', validUntil: r.valid_until ?? '' }))
    }
  }

  function changed(): void {
    cache = null
    lists = null
    bus.emit('credentials.changed', {})
  }

  const createTx = db.transaction((apiKey: string, secret: string, at: string) => {
    const existing = selectCurrent.get()
    if (existing) {
      throw new WorkbenchError(
        'conflict',
        `API credentials already exist (API key ${existing.api_key}): rotate them to get a new secret, the old one stays valid for a grace period`
      )
    }
    insert.run(apiKey, secret, at)
  })

  const rotateTx = db.transaction((secret: string, at: Date, graceHours: number, newKey: boolean) => {
    const existing = selectCurrent.get()
    const apiKey = (newKey ? undefined : existing?.api_key) ?? newApiKey()
    if (existing) {
      const validUntil = new Date(at.getTime() + graceHours * HOUR_MS).toISOString()
      retire.run(at.toISOString(), validUntil, existing.id)
    }
    insert.run(apiKey, secret, at.toISOString())
  })

  function label(row: CredentialRow, prefix: string): LabeledSecret {
    return { label: `${prefix} (rotated ${row.retired_at})`, secret: row.secret }
  }

  return {
    async get() {
      const current = rows().current
      return current ? view(current) : null
    },

    async create() {
      const secret = newApiSecret()
      createTx(newApiKey(), secret, now().toISOString())
      changed()
      return view(selectCurrent.get() as CredentialRow, secret)
    },

    async rotate({ graceHours, newApiKey: newKey }) {
      if (!Number.isFinite(graceHours) || graceHours < 0) {
        throw new WorkbenchError('bad-input', `graceHours ${graceHours} is not valid: give 0 or more hours`)
      }
      const secret = newApiSecret()
      rotateTx(secret, now(), graceHours, newKey === true)
      changed()
      return view(selectCurrent.get() as CredentialRow, secret)
    },

    // Copies, so a caller that mutates its list cannot corrupt the cache.
    verificationSecrets: () => [...secretLists().verification],
    expiredSecrets: () => [...secretLists().expired],

    currentSecret: () => rows().current?.secret ?? null,
    apiKey: () => rows().current?.api_key ?? null,

    apiKeyStatus(key) {
      const { current, retired } = rows()
      if (current && sameText(current.api_key, key)) return 'current'
      const at = now()
      let status: 'expired' | 'unknown' = 'unknown'
      for (const row of retired) {
        // The same key may sit in several rows (secret-only rotations keep it): any row in grace admits it.
        if (!sameText(row.api_key, key)) continue
        if (inGrace(row, at)) return 'grace'
        status = 'expired'
      }
      return status
    }
  }
}
