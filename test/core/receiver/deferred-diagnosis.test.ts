/**
 * The deferred diagnosis queue over a real database: bounded in the bodies it holds, and a
 * stop leaves no capture saying "pending" forever.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { cleanupAll, eventsOf, harness } from './helpers'
import { createCapturesRepo } from '../../../src/core/receiver/captures-repo'
import { createDeferredDiagnoser } from '../../../src/core/receiver/deferred-diagnosis'
import { PENDING_DIAGNOSIS } from '../../../src/core/receiver/capture-analysis'
import type { NewCaptureRow } from '../../../src/core/receiver/types'
import type { SignatureVerdict } from '../../../src/shared/models'

afterEach(cleanupAll)

const SECRET = 'skyc_sec_deferred_0123456789'
const secrets = [{ label: 'listener secret #1', secret: SECRET }]

/** A committed capture of a large body whose signature is bad, still waiting for its diagnosis. */
function pendingRow(repo: ReturnType<typeof createCapturesRepo>, n: number, bytes: number) {
  const body = Buffer.from(JSON.stringify({ event: 'submission.created', pad: 'x'.repeat(bytes) }))
  const header = createHmac('sha256', 'wrong').update(body).digest('hex')
  const verdict: SignatureVerdict = { status: 'invalid', received: header, expected: null, matchedSecret: null, diagnosis: PENDING_DIAGNOSIS }
  const row: NewCaptureRow = {
    id: `cap_deferred_${n}`,
    listener_id: null,
    source: 'import',
    received_at: new Date().toISOString(),
    method: 'POST',
    path: `/${n}`,
    query: '',
    http_version: '1.1',
    remote_address: '',
    headers: '[]',
    body,
    body_size: body.length,
    body_sha256: `sha${n}`,
    body_truncated: 0,
    event: 'submission.created',
    signature_status: 'invalid',
    signature_verdict: JSON.stringify(verdict),
    schema_status: 'invalid',
    schema_verdict: JSON.stringify({ status: 'invalid', event: null, errors: [] }),
    duplicate_of: null,
    response: '{}',
    response_status: 200,
    forward: null
  }
  const seq = repo.insert(row)
  return { row: { ...row, seq }, verdict, request: { header, secrets, context: {} } }
}

describe('receiver: deferred diagnosis', () => {
  it('explains at most maxQueuedBytes of bodies at a time; the others say they were skipped', async () => {
    const h = await harness()
    const repo = createCapturesRepo(h.db)
    const diagnoser = createDeferredDiagnoser({ repo, bus: h.bus, maxQueuedBytes: 150_000 })
    const jobs = [1, 2, 3].map((n) => pendingRow(repo, n, 100_000))
    for (const j of jobs) diagnoser.enqueue(j.row, j.verdict, j.request)
    await diagnoser.drain()
    const codes = await Promise.all(jobs.map(async (j) => (await h.receiver.captures.get({ id: j.row.id })).signatureVerdict.diagnosis?.code))
    expect(codes).toEqual(['mismatch', 'diagnosis-skipped', 'diagnosis-skipped'])
    const third = await h.receiver.captures.get({ id: jobs[2].row.id })
    expect(third.signatureVerdict.diagnosis?.message).toMatch(/too many large bodies/)
    expect(eventsOf(h, 'capture.updated').map((c) => c.id).sort()).toEqual(jobs.map((j) => j.row.id).sort())
  })

  it('a stop finishes the diagnosis in progress and marks the queued ones skipped: nothing stays pending', async () => {
    const h = await harness()
    const repo = createCapturesRepo(h.db)
    const diagnoser = createDeferredDiagnoser({ repo, bus: h.bus })
    const jobs = [1, 2, 3].map((n) => pendingRow(repo, n, 100_000))
    for (const j of jobs) diagnoser.enqueue(j.row, j.verdict, j.request)
    await diagnoser.drain()
    const verdicts = await Promise.all(jobs.map(async (j) => (await h.receiver.captures.get({ id: j.row.id })).signatureVerdict))
    expect(verdicts.map((v) => v.diagnosis?.code)).toEqual(['mismatch', 'diagnosis-skipped', 'diagnosis-skipped'])
    expect(verdicts.every((v) => v.status === 'invalid')).toBe(true)
    expect(verdicts[1].diagnosis?.message).toMatch(/stopped before/)
  })
})
