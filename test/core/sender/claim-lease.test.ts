/**
 * The claim lease: an attempt in flight when its process died is sent again once the
 * endpoint's timeout plus a few seconds have passed, not a minute later; and a live
 * process renews its claim while it sends, so no other process takes it over.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { createOutboxRepo } from '../../../src/core/sender/outbox-repo'
import { LEASE_MARGIN_MS } from '../../../src/core/sender/claim-lease'
import { openDatabase } from '../../../src/core/store/database'
import { openHarness, startServer, tempDir, waitFor, type Harness, type Reply, type TestServer } from './harness'

const harnesses: Harness[] = []
const servers: TestServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  for (const h of harnesses.splice(0)) await h.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const BODY = '{"event":"submission.approved","data":{"submissionId":"sub_1"}}'
const TIMEOUT_MS = 1_000

/**
 * What a process that died mid-attempt leaves behind: a claimed delivery (next_attempt_at
 * NULL) with no attempt row, claimed `agoMs` ago.
 */
function crashedMidAttempt(dir: string, url: string, agoMs: number): string {
  const db = openDatabase(`${dir}/workbench.sqlite`)
  const at = new Date(Date.now() - agoMs).toISOString()
  createOutboxRepo(db).createMessage(
    { id: 'msg_crash', event: 'submission.approved', body: Buffer.from(BODY), signature: null, createdAt: at, origin: { kind: 'cli', id: null } },
    [
      {
        id: 'dlv_crash',
        endpointId: null,
        endpointName: url,
        url,
        requestHeaders: [['Content-Type', 'application/json']],
        timeoutMs: TIMEOUT_MS,
        insecureTls: false,
        caFile: null,
        retryScheduleMs: [60_000]
      }
    ]
  )
  db.close()
  return 'dlv_crash'
}

describe('claim lease', () => {
  it('a restart resumes an attempt cut off by a crash once the timeout plus the lease margin has passed', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const s = await startServer()
    servers.push(s)
    // Cut off 10 s ago with a 1 s timeout: stale under a lease of timeout + a few seconds,
    // still held under the old rule (timeout + 60 s), which made the restart wait a minute.
    const id = crashedMidAttempt(dir, s.url, 10_000)
    const h = await openHarness({ dir })
    harnesses.push(h)
    h.sender.start()
    const done = await waitFor('the resumed attempt', () => {
      const d = h.sender.getDeliveries([id])[0]
      return d.status === 'success' ? d : undefined
    }, 8_000)
    expect(done.attempts).toHaveLength(1)
    expect(s.requests).toHaveLength(1)
  })

  it('the lease is the delivery timeout plus the margin, a few seconds', () => {
    const dir = tempDir()
    dirs.push(dir)
    crashedMidAttempt(dir, 'http://127.0.0.1:9/', 0)
    const db = openDatabase(`${dir}/workbench.sqlite`)
    try {
      const repo = createOutboxRepo(db)
      const claimedAt = Date.parse(repo.getDelivery('dlv_crash')!.updatedAt)
      const at = (ms: number) => new Date(claimedAt + ms).toISOString()
      expect(LEASE_MARGIN_MS).toBeLessThanOrEqual(10_000)
      expect(repo.resumeStale(at(TIMEOUT_MS + LEASE_MARGIN_MS - 100), LEASE_MARGIN_MS)).toBe(0)
      expect(repo.resumeStale(at(TIMEOUT_MS + LEASE_MARGIN_MS + 100), LEASE_MARGIN_MS)).toBe(1)
    } finally {
      db.close()
    }
  })

  it('a live attempt renews its claim while it waits for the answer', async () => {
    let answer: (() => void) | null = null
    const slow: Reply = (_req, _i, res) => {
      answer = () => {
        res.writeHead(200)
        res.end('ok')
      }
    }
    const s = await startServer(slow)
    servers.push(s)
    const h = await openHarness({ retryScheduleMs: [] })
    harnesses.push(h)
    h.sender.start()
    const sending = h.sender.send.event({
      event: 'submission.approved',
      body: BODY,
      to: [{ url: s.url, headers: [], timeoutMs: 30_000, allowLocalHttp: true, insecureTls: false }],
      origin: 'cli'
    })
    await waitFor('the request to arrive', () => s.requests.length === 1)
    const row = () => h.db.prepare('SELECT updated_at, next_attempt_at FROM deliveries').get() as { updated_at: string; next_attempt_at: string | null }
    const first = row()
    expect(first.next_attempt_at).toBeNull()
    // Renewed while the request is still unanswered: another process sees a live claim.
    await waitFor('the claim to be renewed', () => row().updated_at > first.updated_at, 10_000)
    expect(row().next_attempt_at).toBeNull()
    answer!()
    const result = await sending
    expect(result.deliveries[0].status).toBe('success')
    expect(s.requests).toHaveLength(1)
  })
})
