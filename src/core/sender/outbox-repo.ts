/**
 * The durable outbox: messages (exact body bytes), one delivery per target, one row per
 * attempt. Owns the SQL of those three tables (the rows and their models: outbox-rows.ts).
 *
 * A pending delivery whose next_attempt_at is NULL is claimed: an attempt for it is in
 * flight, started at updated_at. Claims are single UPDATEs with the expected state in the
 * WHERE clause, so two workers on one database file (the app and `kyc-hooks serve`, or a
 * CLI send) never attempt the same delivery at once. A claim that outlives its timeout by
 * a margin was left by a process that died mid-attempt and becomes due again; the holder
 * renews it (touch) while its attempt runs, so only a dead holder's claim goes stale.
 *
 * A delivery to a saved endpoint follows that endpoint: paused while it is Inactive,
 * pending again when it is Active, cancelled (with the reason) once it is deleted. An
 * attempt already in flight finishes, and its delivery then takes the endpoint's state.
 */
import type { Db } from '../store/database'
import type { Attempt, Delivery, DeliveryDetail, DeliveryFilter } from '../../shared/models'
import { parseHeaders } from '../store/header-column'
import { parseSchedule } from './retry-schedule'
import {
  attemptModel,
  toAttempt,
  toDelivery,
  type AttemptRecord,
  type AttemptRow,
  type DeliveryOutcome,
  type DeliveryRow,
  type DeliveryWork,
  type NewDelivery,
  type NewMessage
} from './outbox-rows'

const SELECT_DELIVERY = `SELECT d.*, m.event AS event, m.origin_kind AS origin_kind, m.origin_id AS origin_id
  FROM deliveries d JOIN messages m ON m.id = d.message_id`

export interface OutboxRepo {
  /** Writes the message and all its deliveries in one transaction (the outbox), each claimed by the caller. */
  createMessage(message: NewMessage, deliveries: NewDelivery[]): void
  getDelivery(id: string): Delivery | undefined
  /** The delivery, its message's bytes and the stored request settings. */
  getWork(id: string): DeliveryWork | undefined
  /** Claims up to `limit` due deliveries (skipping `skip`); returns the ids now held by the caller. */
  claimDue(now: string, limit: number, skip: ReadonlySet<string>): string[]
  /** Claims a delivery whatever its status unless an attempt is already in flight; false then. */
  claimNow(id: string, now: string): boolean
  /** Gives a claim back without an attempt (shutdown): due again at `at`. */
  release(id: string, at: string): void
  /** Refreshes a claim when its attempt really starts (it may have queued for a slot). */
  touch(id: string, now: string): void
  /**
   * Makes claims older than the delivery's timeout plus `marginMs` due now: the process that
   * held them stopped mid-attempt (a crash). Live claims of another process are left alone.
   */
  resumeStale(now: string, marginMs: number): number
  /**
   * Pauses the waiting deliveries of Inactive endpoints, resumes those of Active ones and
   * cancels those of deleted ones (only `id` when given). Returns the ids it changed.
   */
  followEndpoints(now: string, id?: string): string[]
  /** The earliest next_attempt_at among waiting deliveries, or null. */
  nextDueAt(): string | null
  /**
   * Stores an attempt and the delivery's new state together. `before` is the delivery as the
   * attempt found it (its message's event and origin, which never change, are taken from it).
   */
  recordAttempt(attempt: AttemptRecord, outcome: DeliveryOutcome, before: Delivery): { delivery: Delivery; attempt: Attempt }
  detail(id: string): DeliveryDetail | undefined
  /** Details for `ids` (in that order, unknown ids skipped) or for every delivery, oldest first. */
  details(ids?: string[]): DeliveryDetail[]
  /** Newest first, with the total that matches the filter (before the limit). */
  list(filter: DeliveryFilter): { items: Delivery[]; total: number }
}

export function createOutboxRepo(db: Db): OutboxRepo {
  /**
   * A write that is all-or-nothing: its own transaction when called alone; inside a caller's
   * transaction (the group commit's batch) just part of it, without a SAVEPOINT and RELEASE
   * of its own, which cost as much as the write. The group commit keeps it all-or-nothing
   * there: a failing write rolls the batch back, and the batch is redone one savepoint per write.
   */
  const atomic = <A extends unknown[], R>(write: (...args: A) => R): ((...args: A) => R) => {
    const alone = db.transaction(write)
    return (...args) => (db.inTransaction ? write(...args) : alone(...args))
  }
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, event, body, signature, created_at, origin_kind, origin_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  // next_attempt_at NULL: the creator holds the claim and makes the first attempt itself.
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, message_id, endpoint_id, endpoint_name, url, request_headers, timeout_ms, insecure_tls,
       ca_file, status, attempt_count, retry_schedule, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, ?, ?)`
  )
  const selectDelivery = db.prepare(`${SELECT_DELIVERY} WHERE d.id = ?`)
  const selectBody = db.prepare('SELECT body, signature FROM messages WHERE id = ?')
  const selectAttempts = db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number')
  const selectDue = db.prepare(
    `SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?
       AND (endpoint_id IS NULL OR endpoint_id IN (SELECT id FROM endpoints WHERE active = 1))
     ORDER BY next_attempt_at, seq LIMIT ?`
  )
  const claimDue = db.prepare(
    `UPDATE deliveries SET next_attempt_at = NULL, updated_at = ?
     WHERE id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?`
  )
  const claimAny = db.prepare(
    `UPDATE deliveries SET status = 'pending', status_reason = NULL, next_attempt_at = NULL, updated_at = ?
     WHERE id = ? AND NOT (status = 'pending' AND next_attempt_at IS NULL)`
  )
  const release = db.prepare(
    `UPDATE deliveries SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at IS NULL`
  )
  const touch = db.prepare(
    `UPDATE deliveries SET updated_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at IS NULL`
  )
  // julianday() reads our ISO 8601 'Z' times; the margin covers a slow start of the attempt.
  const resumeStale = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now, updated_at = @now
     WHERE status = 'pending' AND next_attempt_at IS NULL
       AND julianday(updated_at) < julianday(@now) - (timeout_ms + @marginMs) / 86400000.0`
  )
  // A claimed delivery (next_attempt_at NULL) is left to its attempt; it follows afterwards.
  const waiting = `((status = 'pending' AND next_attempt_at IS NOT NULL) OR status = 'paused') AND (@id IS NULL OR id = @id)`
  const cancelDeleted = db.prepare(
    `UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = @now,
       status_reason = 'endpoint "' || endpoint_name || '" was deleted: no further attempts'
     WHERE ${waiting} AND endpoint_id IS NOT NULL AND endpoint_id NOT IN (SELECT id FROM endpoints)
     RETURNING id`
  )
  const pauseInactive = db.prepare(
    `UPDATE deliveries SET status = 'paused', updated_at = @now,
       status_reason = 'endpoint "' || endpoint_name || '" is inactive: resumes when it is made active'
     WHERE status = 'pending' AND next_attempt_at IS NOT NULL AND (@id IS NULL OR id = @id)
       AND endpoint_id IN (SELECT id FROM endpoints WHERE active = 0)
     RETURNING id`
  )
  // A retry that fell due while paused is due at once; a later one keeps its time.
  const resumeActive = db.prepare(
    `UPDATE deliveries SET status = 'pending', status_reason = NULL, updated_at = @now
     WHERE status = 'paused' AND (@id IS NULL OR id = @id) AND endpoint_id IN (SELECT id FROM endpoints WHERE active = 1)
     RETURNING id`
  )
  const followEndpoints = atomic((now: string, id: string | null): string[] => {
    const changed = [cancelDeleted, pauseInactive, resumeActive].flatMap((stmt) =>
      (stmt.all({ now, id }) as { id: string }[]).map((r) => r.id)
    )
    return changed
  })
  const nextDue = db.prepare(
    `SELECT MIN(next_attempt_at) AS at FROM deliveries WHERE status = 'pending' AND next_attempt_at IS NOT NULL
       AND (endpoint_id IS NULL OR endpoint_id IN (SELECT id FROM endpoints WHERE active = 1))`
  )
  // Positional parameters: binding by name costs an object per row and a lookup per column.
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (id, delivery_id, number, started_at, duration_ms, request_url, request_headers, response_code,
       response_headers, response_body, response_truncated, error, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  // RETURNING gives the row as stored, so the new state needs no second query.
  const updateAfterAttempt = db.prepare(
    `UPDATE deliveries SET status = ?, attempt_count = attempt_count + 1, next_attempt_at = ?,
       last_response_code = ?, last_response = ?, last_error = ?, updated_at = ?
     WHERE id = ? RETURNING *`
  )

  const getDelivery = (id: string): Delivery | undefined => {
    const row = selectDelivery.get(id) as DeliveryRow | undefined
    return row ? toDelivery(row) : undefined
  }

  const detailOf = (row: DeliveryRow): DeliveryDetail => {
    const message = selectBody.get(row.message_id) as { body: Buffer; signature: string | null }
    const attempts = (selectAttempts.all(row.id) as AttemptRow[]).map(toAttempt)
    return { ...toDelivery(row), attempts, bodyBase64: Buffer.from(message.body).toString('base64'), signature: message.signature }
  }

  return {
    createMessage: atomic((message: NewMessage, deliveries: NewDelivery[]): void => {
      insertMessage.run(
        message.id,
        message.event,
        message.body,
        message.signature,
        message.createdAt,
        message.origin.kind,
        message.origin.id
      )
      for (const d of deliveries) {
        insertDelivery.run(
          d.id,
          message.id,
          d.endpointId,
          d.endpointName,
          d.url,
          JSON.stringify(d.requestHeaders),
          d.timeoutMs,
          d.insecureTls ? 1 : 0,
          d.caFile,
          JSON.stringify(d.retryScheduleMs),
          message.createdAt,
          message.createdAt
        )
      }
    }),

    getDelivery,

    getWork(id: string): DeliveryWork | undefined {
      const row = selectDelivery.get(id) as DeliveryRow | undefined
      if (!row) return undefined
      const message = selectBody.get(row.message_id) as { body: Buffer; signature: string | null }
      return {
        delivery: toDelivery(row),
        body: Buffer.from(message.body),
        signature: message.signature,
        requestHeaders: parseHeaders(row.request_headers),
        timeoutMs: row.timeout_ms,
        insecureTls: row.insecure_tls === 1,
        caFile: row.ca_file,
        retryScheduleMs: parseSchedule(row.retry_schedule)
      }
    },

    claimDue(now: string, limit: number, skip: ReadonlySet<string>): string[] {
      if (limit <= 0) return []
      const ids = (selectDue.all(now, limit + skip.size) as { id: string }[]).map((r) => r.id).filter((id) => !skip.has(id))
      const claimed: string[] = []
      for (const id of ids.slice(0, limit)) if (claimDue.run(now, id, now).changes === 1) claimed.push(id)
      return claimed
    },

    claimNow(id: string, now: string): boolean {
      return claimAny.run(now, id).changes === 1
    },

    release(id: string, at: string): void {
      release.run(at, at, id)
    },

    touch(id: string, now: string): void {
      touch.run(now, id)
    },

    resumeStale(now: string, marginMs: number): number {
      return resumeStale.run({ now, marginMs }).changes
    },

    followEndpoints(now: string, id?: string): string[] {
      return followEndpoints(now, id ?? null)
    },

    nextDueAt(): string | null {
      return (nextDue.get() as { at: string | null }).at
    },

    recordAttempt: atomic(
      (attempt: AttemptRecord, outcome: DeliveryOutcome, before: Delivery): { delivery: Delivery; attempt: Attempt } => {
        insertAttempt.run(
          attempt.id,
          attempt.deliveryId,
          attempt.number,
          attempt.startedAt,
          attempt.durationMs,
          attempt.requestUrl,
          JSON.stringify(attempt.requestHeaders),
          attempt.responseCode,
          JSON.stringify(attempt.responseHeaders),
          attempt.responseBody,
          attempt.responseTruncated ? 1 : 0,
          attempt.error,
          attempt.outcome
        )
        const now = new Date().toISOString()
        const row = updateAfterAttempt.get(
          outcome.status,
          outcome.nextAttemptAt,
          outcome.lastResponseCode,
          outcome.lastResponse,
          outcome.lastError,
          now,
          attempt.deliveryId
        ) as Omit<DeliveryRow, 'event' | 'origin_kind' | 'origin_id'> | undefined
        // The endpoint may have been deactivated or deleted while this attempt ran.
        const followed = outcome.status === 'pending' && followEndpoints(now, attempt.deliveryId).length > 0
        const delivery =
          row && !followed
            ? toDelivery({ ...row, event: before.event, origin_kind: before.origin.kind, origin_id: before.origin.id })
            : (getDelivery(attempt.deliveryId) as Delivery)
        return { delivery, attempt: attemptModel(attempt) }
      }
    ),

    detail(id: string): DeliveryDetail | undefined {
      const row = selectDelivery.get(id) as DeliveryRow | undefined
      return row ? detailOf(row) : undefined
    },

    details(ids?: string[]): DeliveryDetail[] {
      if (ids) {
        return ids.flatMap((id) => {
          const row = selectDelivery.get(id) as DeliveryRow | undefined
          return row ? [detailOf(row)] : []
        })
      }
      return (db.prepare(`${SELECT_DELIVERY} ORDER BY d.seq`).all() as DeliveryRow[]).map(detailOf)
    },

    list(filter: DeliveryFilter): { items: Delivery[]; total: number } {
      const where: string[] = []
      const params: Record<string, unknown> = {}
      if (filter.status) {
        where.push('d.status = @status')
        params.status = filter.status
      }
      if (filter.event) {
        where.push('m.event = @event')
        params.event = filter.event
      }
      if (filter.endpointId) {
        where.push('d.endpoint_id = @endpointId')
        params.endpointId = filter.endpointId
      }
      if (filter.q && filter.q.trim()) {
        // instr() rather than LIKE: the user's text is matched literally, % and _ included.
        where.push(
          `(instr(lower(d.url), @q) > 0 OR instr(lower(d.endpoint_name), @q) > 0 OR instr(lower(coalesce(m.event, '')), @q) > 0
            OR instr(lower(d.id), @q) > 0 OR instr(lower(d.message_id), @q) > 0 OR instr(lower(coalesce(d.last_error, '')), @q) > 0
            OR instr(lower(coalesce(d.last_response, '')), @q) > 0)`
        )
        params.q = filter.q.trim().toLowerCase()
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const total = (
        db.prepare(`SELECT COUNT(*) AS n FROM deliveries d JOIN messages m ON m.id = d.message_id ${clause}`).get(params) as {
          n: number
        }
      ).n
      // Paging (export): only rows older than `beforeId`; `total` still counts every match.
      const paged = filter.beforeId !== undefined ? [...where, 'd.seq < (SELECT seq FROM deliveries WHERE id = @beforeId)'] : where
      const pageClause = paged.length ? `WHERE ${paged.join(' AND ')}` : ''
      const rows = db
        .prepare(`${SELECT_DELIVERY} ${pageClause} ORDER BY d.seq DESC LIMIT @limit`)
        .all({ ...params, ...(filter.beforeId !== undefined ? { beforeId: filter.beforeId } : {}), limit: filter.limit ?? 200 }) as DeliveryRow[]
      return { items: rows.map(toDelivery), total }
    }
  }
}
