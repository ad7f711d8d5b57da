/** `kyc-hooks scenario` as a child process, delivering to a consumer on a real socket. */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ScenarioTimeline } from '../../src/shared/scenario-models'
import { startSink } from '../core/scenarios/sink'
import { SPAWN_TIMEOUT, makeTempDir, runCli } from './cli-process'

let dir: string
let db: string
let sink: Awaited<ReturnType<typeof startSink>>

beforeEach(async () => {
  dir = makeTempDir()
  db = path.join(dir, 'w.sqlite')
  sink = await startSink()
})

afterEach(async () => {
  await sink.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kyc-hooks scenario', { timeout: SPAWN_TIMEOUT }, () => {
  it('run happy-path --to URL --speed 100x --json delivers the sequence and prints the timeline (exit 0)', async () => {
    const r = await runCli(['scenario', 'run', 'happy-path', '--to', sink.url, '--speed', '100x', '--json', '--db', db])
    expect(r.err).toContain('Created API credentials')
    expect(r.code).toBe(0)
    const timeline = JSON.parse(r.out) as ScenarioTimeline
    expect(timeline).toMatchObject({ scenario: 'happy-path', status: 'done', deliveries: 6, succeeded: 6 })
    const events = ['invitation.sent', 'submission.created', 'submission.updated', 'submission.completed', 'aml.screening.completed', 'submission.approved']
    expect(sink.received.map((x) => x.payload.event)).toEqual(events)
    expect(timeline.entries.filter((e) => e.kind === 'delivery').map((e) => e.deliveryId?.slice(0, 4))).toEqual(events.map(() => 'dlv_'))
  })

  it('run --duplicates 1 --seed 1 sends every event twice; a dead target exits 1; bad flags exit 2', async () => {
    const dup = await runCli(['scenario', 'run', 'invitation-cancelled', '--to', sink.url, '--speed', '1000x', '--duplicates', '1', '--seed', '1', '--db', db])
    expect(dup.code).toBe(0)
    expect(dup.out).toMatch(/invitation\.sent \[duplicate\]/)
    expect(sink.received.map((x) => x.payload.event)).toEqual(['invitation.sent', 'invitation.sent', 'invitation.cancelled', 'invitation.cancelled'])

    const dead = await runCli(['scenario', 'run', 'invitation-cancelled', '--to', 'http://127.0.0.1:1/x', '--speed', '1000x', '--db', db])
    expect(dead.code).toBe(1)
    expect(dead.out).toMatch(/failed; 0 of 2 deliveries succeeded/)

    const badSpeed = await runCli(['scenario', 'run', 'happy-path', '--to', sink.url, '--speed', 'fast', '--db', db])
    expect(badSpeed.code).toBe(2)
    expect(badSpeed.err).toMatch(/speed must look like 10x/)
    const unknown = await runCli(['scenario', 'show', 'nope', '--db', db])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/nope/)
  })

  it('list shows the built-ins and a user file error with its line and field', async () => {
    fs.mkdirSync(path.join(dir, 'scenarios'))
    fs.writeFileSync(path.join(dir, 'scenarios', 'oops.yaml'), 'steps:\n  - op: launchRocket\n')
    const r = await runCli(['scenario', 'list', '--db', db])
    expect(r.out).toMatch(/happy-path\s+built-in/)
    expect(r.err).toMatch(/oops\.yaml:2: steps\[0\]\.op: /)
    expect(r.code).toBe(1)
  })
})
