/**
 * The mock platform's SQL: invitations, submissions, AML matches, workflows, the tenant,
 * the API's request log and the events the platform emitted. Prepared statements only;
 * nothing outside this file names a platform table.
 */
import type { Db } from '../store/database'
import type { AmlMatch, ApiRequestLog, Invitation, Submission } from '../../shared/platform-models'

interface InvitationRow {
  seq: number
  id: string
  status: Invitation['status']
  customer_email: string
  workflow_id: string
  workflow_name: string
  submission_id: string | null
  created_at: string
  expires_at: string
  cancelled_at: string | null
  cancel_reason: string | null
  expired_at: string | null
  completed_at: string | null
}

interface SubmissionRow {
  seq: number
  id: string
  invitation_id: string
  status: Submission['status']
  customer_email: string
  workflow_id: string
  workflow_name: string
  responses: string
  aml_result: Submission['amlResult']
  rejection_reason: string | null
  created_at: string
  submitted_at: string
  updated_at: string
  reviewed_at: string | null
}

interface MatchRow {
  id: string
  submission_id: string
  status: AmlMatch['status']
  match_type: string
  match_score: number
  matched_name: string
  source_list: string
  risk_level: string
  created_at: string
  dismissed_at: string | null
  dismiss_reason: string | null
}

interface RequestRow {
  id: string
  at: string
  method: string
  path: string
  key_masked: string | null
  status: number
  events: string
  duration_ms: number
}

export interface NewInvitation {
  id: string
  customerEmail: string
  workflowId: string
  workflowName: string
  createdAt: string
  expiresAt: string
}

export interface NewSubmission {
  id: string
  invitationId: string
  customerEmail: string
  workflowId: string
  workflowName: string
  responses: Record<string, unknown>
  amlResult: Submission['amlResult']
  at: string
}

export type NewMatch = Omit<AmlMatch, 'status' | 'dismissedAt'>

/** A page of rows and the cursor for the next one (the last row's id), null on the last page. */
export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export function createPlatformRepo(db: Db, tenantId: () => string) {
  const s = {
    getState: db.prepare<[string], { value: string }>('SELECT value FROM platform_state WHERE key = ?'),
    setState: db.prepare<[string, string]>('INSERT OR IGNORE INTO platform_state (key, value) VALUES (?, ?)'),
    workflowByName: db.prepare<[string], { id: string; name: string }>('SELECT * FROM platform_workflows WHERE name = ?'),
    workflowById: db.prepare<[string], { id: string; name: string }>('SELECT * FROM platform_workflows WHERE id = ?'),
    insertWorkflow: db.prepare<[string, string]>('INSERT OR IGNORE INTO platform_workflows (id, name) VALUES (?, ?)'),
    insertInvitation: db.prepare(
      `INSERT INTO platform_invitations (id, status, customer_email, workflow_id, workflow_name, created_at, expires_at)
       VALUES (@id, 'sent', @customerEmail, @workflowId, @workflowName, @createdAt, @expiresAt)`
    ),
    invitation: db.prepare<[string], InvitationRow>('SELECT * FROM platform_invitations WHERE id = ?'),
    cancel: db.prepare<[string, string | null, string]>(
      `UPDATE platform_invitations SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ? AND status = 'sent'`
    ),
    // The status guard makes each transition a claim: two processes on one file never both emit it.
    expire: db.prepare<[string, string]>(
      `UPDATE platform_invitations SET status = 'expired', expired_at = ? WHERE id = ? AND status = 'sent'`
    ),
    complete: db.prepare<[string, string, string]>(
      `UPDATE platform_invitations SET status = 'completed', completed_at = ?, submission_id = ? WHERE id = ? AND status = 'sent'`
    ),
    due: db.prepare<[string], { id: string }>(
      `SELECT id FROM platform_invitations WHERE status = 'sent' AND expires_at <= ? ORDER BY expires_at`
    ),
    nextDue: db.prepare<[], { expires_at: string }>(
      `SELECT expires_at FROM platform_invitations WHERE status = 'sent' ORDER BY expires_at LIMIT 1`
    ),
    insertSubmission: db.prepare(
      `INSERT INTO platform_submissions (id, invitation_id, status, customer_email, workflow_id, workflow_name, responses,
         aml_result, created_at, submitted_at, updated_at)
       VALUES (@id, @invitationId, 'completed', @customerEmail, @workflowId, @workflowName, @responses, @amlResult, @at, @at, @at)`
    ),
    submission: db.prepare<[string], SubmissionRow>('SELECT * FROM platform_submissions WHERE id = ?'),
    updateSubmission: db.prepare(
      `UPDATE platform_submissions SET status = @status, responses = @responses, rejection_reason = @rejectionReason,
         updated_at = @updatedAt, reviewed_at = @reviewedAt WHERE id = @id`
    ),
    insertMatch: db.prepare(
      `INSERT INTO platform_aml_matches (id, submission_id, status, match_type, match_score, matched_name, source_list, risk_level, created_at)
       VALUES (@id, @submissionId, 'open', @matchType, @matchScore, @matchedName, @sourceList, @riskLevel, @createdAt)`
    ),
    match: db.prepare<[string], MatchRow>('SELECT * FROM platform_aml_matches WHERE id = ?'),
    matchesOf: db.prepare<[string], MatchRow>('SELECT * FROM platform_aml_matches WHERE submission_id = ? ORDER BY created_at, id'),
    dismiss: db.prepare<[string, string | null, string]>(
      `UPDATE platform_aml_matches SET status = 'dismissed', dismissed_at = ?, dismiss_reason = ? WHERE id = ? AND status = 'open'`
    ),
    insertRequest: db.prepare(
      `INSERT INTO platform_requests (id, at, method, path, key_masked, status, events, duration_ms)
       VALUES (@id, @at, @method, @path, @keyMasked, @status, @events, @durationMs)`
    ),
    requests: db.prepare<[number], RequestRow>('SELECT * FROM platform_requests ORDER BY seq DESC LIMIT ?'),
    insertEvent: db.prepare(
      `INSERT INTO platform_events (event, body, cause, message_id, error, created_at)
       VALUES (@event, @body, @cause, @messageId, @error, @createdAt)`
    ),
    events: db.prepare<[number], { event: string; body: Buffer; cause: string | null; message_id: string | null; error: string | null; created_at: string }>(
      'SELECT * FROM platform_events ORDER BY seq DESC LIMIT ?'
    ),
    markEvent: db.prepare<[string | null, string | null, number]>('UPDATE platform_events SET message_id = ?, error = ? WHERE seq = ?'),
    unsentEvents: db.prepare<[], { seq: number; event: string; body: Buffer; cause: string | null }>(
      'SELECT seq, event, body, cause FROM platform_events WHERE message_id IS NULL AND error IS NULL ORDER BY seq'
    )
  }

  function toInvitation(r: InvitationRow): Invitation {
    return {
      id: r.id,
      status: r.status,
      customerEmail: r.customer_email,
      workflowId: r.workflow_id,
      workflowName: r.workflow_name,
      tenantId: tenantId(),
      submissionId: r.submission_id,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      cancelledAt: r.cancelled_at,
      expiredAt: r.expired_at,
      completedAt: r.completed_at
    }
  }

  function toMatch(r: MatchRow): AmlMatch {
    return {
      id: r.id,
      submissionId: r.submission_id,
      status: r.status,
      matchType: r.match_type,
      matchScore: r.match_score,
      matchedName: r.matched_name,
      sourceList: r.source_list,
      riskLevel: r.risk_level,
      createdAt: r.created_at,
      dismissedAt: r.dismissed_at
    }
  }

  function toSubmission(r: SubmissionRow): Submission {
    return {
      id: r.id,
      invitationId: r.invitation_id,
      status: r.status,
      customerEmail: r.customer_email,
      workflowId: r.workflow_id,
      workflowName: r.workflow_name,
      tenantId: tenantId(),
      responses: JSON.parse(r.responses) as Record<string, unknown>,
      amlResult: r.aml_result,
      amlMatches: s.matchesOf.all(r.id).map(toMatch),
      rejectionReason: r.rejection_reason,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      reviewedAt: r.reviewed_at
    }
  }

  /** Newest first, `limit` rows after the row whose id is `cursor`; undefined when the cursor is unknown. */
  function page<Row extends { id: string; seq: number }, T>(
    table: 'platform_invitations' | 'platform_submissions',
    q: { status?: string; limit: number; cursor?: string },
    map: (r: Row) => T
  ): Page<T> | undefined {
    let before = Number.MAX_SAFE_INTEGER
    if (q.cursor !== undefined) {
      const at = db.prepare<[string], { seq: number }>(`SELECT seq FROM ${table} WHERE id = ?`).get(q.cursor)
      if (!at) return undefined
      before = at.seq
    }
    const where = q.status ? 'AND status = ?' : ''
    const params: (string | number)[] = [before, ...(q.status ? [q.status] : []), q.limit + 1]
    const rows = db.prepare<(string | number)[], Row>(`SELECT * FROM ${table} WHERE seq < ? ${where} ORDER BY seq DESC LIMIT ?`).all(...params)
    const more = rows.length > q.limit
    const data = rows.slice(0, q.limit)
    return { data: data.map(map), nextCursor: more ? data[data.length - 1].id : null }
  }

  return {
    state: (key: string): string | undefined => s.getState.get(key)?.value,
    /** Sets `key` unless it is already set (first writer wins); returns the stored value. */
    initState(key: string, value: string): string {
      s.setState.run(key, value)
      return s.getState.get(key)?.value ?? value
    },
    workflowByName: (name: string) => s.workflowByName.get(name),
    workflowById: (id: string) => s.workflowById.get(id),
    insertWorkflow: (id: string, name: string) => s.insertWorkflow.run(id, name),

    insertInvitation: (i: NewInvitation) => s.insertInvitation.run(i),
    invitation: (id: string) => {
      const r = s.invitation.get(id)
      return r ? toInvitation(r) : undefined
    },
    cancelReason: (id: string) => s.invitation.get(id)?.cancel_reason ?? null,
    listInvitations: (q: { status?: string; limit: number; cursor?: string }) =>
      page<InvitationRow, Invitation>('platform_invitations', q, toInvitation),
    /** True when this call moved the invitation from sent to cancelled. */
    cancel: (id: string, at: string, reason: string | null) => s.cancel.run(at, reason, id).changes === 1,
    expire: (id: string, at: string) => s.expire.run(at, id).changes === 1,
    complete: (id: string, at: string, submissionId: string) => s.complete.run(at, submissionId, id).changes === 1,
    dueInvitations: (now: string) => s.due.all(now).map((r) => r.id),
    nextExpiry: (): string | null => s.nextDue.get()?.expires_at ?? null,

    insertSubmission: (n: NewSubmission) => s.insertSubmission.run({ ...n, responses: JSON.stringify(n.responses) }),
    submission: (id: string) => {
      const r = s.submission.get(id)
      return r ? toSubmission(r) : undefined
    },
    listSubmissions: (q: { status?: string; limit: number; cursor?: string }) =>
      page<SubmissionRow, Submission>('platform_submissions', q, toSubmission),
    updateSubmission: (u: {
      id: string
      status: string
      responses: Record<string, unknown>
      rejectionReason: string | null
      updatedAt: string
      reviewedAt: string | null
    }) => s.updateSubmission.run({ ...u, responses: JSON.stringify(u.responses) }),

    insertMatch: (m: NewMatch) => s.insertMatch.run(m),
    match: (id: string) => {
      const r = s.match.get(id)
      return r ? toMatch(r) : undefined
    },
    dismissReason: (id: string) => s.match.get(id)?.dismiss_reason ?? null,
    dismiss: (id: string, at: string, reason: string | null) => s.dismiss.run(at, reason, id).changes === 1,

    insertRequest: (r: ApiRequestLog) => s.insertRequest.run({ ...r, events: JSON.stringify(r.events) }),
    requests: (limit: number): ApiRequestLog[] =>
      s.requests.all(limit).map((r) => ({
        id: r.id,
        at: r.at,
        method: r.method,
        path: r.path,
        keyMasked: r.key_masked,
        status: r.status,
        events: JSON.parse(r.events) as string[],
        durationMs: r.duration_ms
      })),

    /** Records an event before it is handed to the sender (message and error null: not sent yet); returns its seq. */
    insertEvent: (e: { event: string; body: Buffer; cause: string | null; createdAt: string }): number =>
      Number(s.insertEvent.run({ ...e, messageId: null, error: null }).lastInsertRowid),
    /** The event is in the outbox (`messageId`) or could not be sent (`error`). */
    markEvent: (seq: number, messageId: string | null, error: string | null) => s.markEvent.run(messageId, error, seq),
    /** Events recorded but never handed to the sender (the process stopped first), oldest first. */
    unsentEvents: () => s.unsentEvents.all(),
    /** The newest emitted events, newest first (tests, timelines). */
    emittedEvents: (limit: number) =>
      s.events.all(limit).map((e) => ({
        event: e.event,
        body: e.body.toString('utf8'),
        cause: e.cause,
        messageId: e.message_id,
        error: e.error,
        createdAt: e.created_at
      })),
    /** Runs `fn` in one transaction. */
    inTransaction: <R>(fn: () => R): R => db.transaction(fn)()
  }
}

export type PlatformRepo = ReturnType<typeof createPlatformRepo>
