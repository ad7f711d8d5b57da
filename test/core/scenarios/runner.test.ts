/**
 * Scenario runs over real parts: a Workbench on a temp database drives the mock platform's
 * operations, and the events arrive at a consumer on a real socket, signed by the one sender.
 */
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { validatePayload } from '../../../src/core/catalog'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'
import { startSink } from './sink'

let dir: string
let wb: Workbench
let secret: string
let sink: Awaited<ReturnType<typeof startSink>>

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-scenarios-'))
  wb = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), background: false })
  secret = (await wb.credentials.create({})).secret ?? ''
  sink = await startSink()
})

afterEach(async () => {
  await wb.close()
  await sink.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function runToEnd(name: string, options: Record<string, unknown>) {
  const run = await wb.scenarios.run({ name, options: { to: sink.url, speed: 1000, duplicates: 0, shuffle: false, jitterMs: 0, drop: 0, ...options } })
  const done = await wb.scenarios.settled(run.id)
  return { done, timeline: await wb.scenarios.timeline({ id: run.id }) }
}

describe('scenario runner', () => {
  it('delivers the happy path in order, signed, valid and with one set of ids, and records the timeline', async () => {
    const { done, timeline } = await runToEnd('happy-path', {})
    const events = sink.received.map((r) => r.payload.event)
    expect(events).toEqual(['invitation.sent', 'submission.created', 'submission.updated', 'submission.completed', 'aml.screening.completed', 'submission.approved'])
    for (const r of sink.received) {
      expect(r.signature).toBe(createHmac('sha256', secret).update(r.raw).digest('hex'))
      expect(validatePayload(r.raw).status).toBe('valid')
    }
    const data = sink.received.map((r) => r.payload.data)
    expect(new Set(sink.received.map((r) => r.payload.tenantId)).size).toBe(1)
    expect(data[0].invitationId ?? data[0].id).toBe(done.ids.invitationId)
    for (const d of data.slice(1)) expect(d.submissionId ?? d.id).toBe(done.ids.submissionId)
    expect(done).toMatchObject({ status: 'done', deliveries: 6, succeeded: 6, error: null })
    const steps = timeline.entries.filter((e) => e.kind === 'step')
    const deliveries = timeline.entries.filter((e) => e.kind === 'delivery')
    expect(steps.map((s) => s.op)).toEqual(['createInvitation', 'completeInvitation', 'patchSubmission'])
    expect(deliveries.map((d) => d.event)).toEqual(events)
    expect(deliveries.every((d) => d.deliveryId?.startsWith('dlv_') && d.status === 'success' && d.chaos.length === 0)).toBe(true)
    // The deliveries are in the Deliveries log like any other send.
    const logged = (await wb.deliveries.list({ limit: 100 })).items
    expect(logged.map((d) => d.id).sort()).toEqual(deliveries.map((d) => d.deliveryId).sort())
    expect((await wb.scenarios.runs({ limit: 5 }))[0]).toMatchObject({ id: done.id, scenario: 'happy-path', status: 'done' })
  })

  it('with a seed, duplicates 0.5 sends the chosen deliveries twice with the same bytes and signature', async () => {
    const { done, timeline } = await runToEnd('aml-hit-dismissed', { duplicates: 0.5, seed: 42 })
    const deliveries = timeline.entries.filter((e) => e.kind === 'delivery')
    const dups = deliveries.filter((d) => d.chaos.includes('duplicate'))
    // 7 events (sent, created, completed, screening, match.found, dismissed, approved); seed 42 picks these.
    expect(deliveries.length - dups.length).toBe(7)
    expect(dups.length).toBe(EXPECTED_DUPLICATES_SEED_42)
    expect(sink.received.length).toBe(7 + dups.length)
    for (const d of dups) {
      const copies = sink.received.filter((r) => r.payload.event === d.event)
      expect(copies.length).toBe(2)
      expect(copies[0].raw.equals(copies[1].raw)).toBe(true)
      expect(copies[0].signature).toBe(copies[1].signature)
    }
    expect(done.deliveries).toBe(7 + dups.length)
    // The same seed makes the same choices.
    const again = await runToEnd('aml-hit-dismissed', { duplicates: 0.5, seed: 42 })
    expect(again.timeline.entries.filter((e) => e.kind === 'delivery' && e.chaos.includes('duplicate')).map((e) => (e.kind === 'delivery' ? e.event : ''))).toEqual(
      dups.map((d) => d.event)
    )
  })

  it('shuffle delivers the run’s events in another order; drop delivers a fraction after the rest', async () => {
    const natural = ['invitation.sent', 'submission.created', 'submission.updated', 'submission.completed', 'aml.screening.completed', 'submission.approved']
    const shuffledRun = await runToEnd('happy-path', { shuffle: true, seed: 7 })
    const order = sink.received.map((r) => r.payload.event)
    expect([...order].sort()).toEqual([...natural].sort())
    expect(order).not.toEqual(natural)
    expect(shuffledRun.timeline.entries.filter((e) => e.kind === 'delivery').every((e) => e.kind === 'delivery' && e.chaos.includes('shuffled'))).toBe(true)

    sink.received.length = 0
    const dropped = await runToEnd('happy-path', { drop: 0.5, seed: 3 })
    const late = dropped.timeline.entries.filter((e) => e.kind === 'delivery' && e.chaos.includes('late')).map((e) => (e.kind === 'delivery' ? e.event : ''))
    expect(late.length).toBeGreaterThan(0)
    expect(late.length).toBeLessThan(natural.length)
    const got = sink.received.map((r) => r.payload.event)
    // The late ones arrive last, after every event that was not held back.
    expect(got.slice(got.length - late.length)).toEqual(late)
    expect(got.slice(0, got.length - late.length)).toEqual(natural.filter((e) => !late.includes(e)))
  })

  it('refuses a run with no target and no active endpoint, naming what to do', async () => {
    await expect(wb.scenarios.run({ name: 'happy-path', options: { speed: 1, duplicates: 0, shuffle: false, jitterMs: 0, drop: 0 } })).rejects.toThrow(/no active endpoint.*--to URL/)
    await expect(wb.scenarios.get({ name: 'nope' })).rejects.toThrow(/nope/)
  })
})

const EXPECTED_DUPLICATES_SEED_42 = 3
