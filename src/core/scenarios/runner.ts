/**
 * Runs one scenario: its steps call the mock platform's own operations at their planned
 * times (delays divided by the speed), and the events they cause are diverted from the
 * platform's queue to this run's delivery schedule, where the chaos options apply:
 *
 * - drop: a fraction of events is held back and delivered after all the others (late);
 * - shuffle: the events are held until the steps have run, then delivered in a random order;
 * - jitter: a random extra wait before each delivery;
 * - duplicates: a fraction of deliveries is sent a second time (same bytes, same signature),
 *   as the docs warn real deliveries repeat.
 *
 * Every choice is drawn from a seeded generator at the moment the event is caused, so the
 * same seed makes the same choices. Deliveries go one after another through the one sender
 * (outbox, signing, retries, log), to the run's route. The timeline records each step and
 * each delivery with planned and actual times, delivery ids and chaos marks.
 */
import type { Delivery } from '../../shared/models'
import { messageOf } from '../../shared/errors'
import type { RunOptions, Scenario, ScenarioRun, ScenarioStep, TimelineEntry } from '../../shared/scenario-models'
import type { SendResult } from '../sender'
import type { PlatformOperations } from '../platform'
import type { EventEmitter, RecordedEvent, Route } from '../platform/event-emitter'
import { seededRng, shuffled } from './rng'

export interface RunnerDeps {
  operations: PlatformOperations
  emitter: Pick<EventEmitter, 'divert' | 'send'>
  /** Called after every change to the run (the service stores it and pushes progress). */
  onProgress(run: ScenarioRun, entries: TimelineEntry[]): void
  /** Aborted when the Workbench closes: the run stops at its next wait and records why. */
  signal: AbortSignal
}

/** Waits `ms`, or less when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}

const STOPPED = 'stopped: the Workbench closed before the run finished'

interface Planned {
  recorded: RecordedEvent
  eventIndex: number
  plannedMs: number
  chaos: Array<'duplicate' | 'late' | 'shuffled'>
  jitterMs: number
  duplicate: boolean
}

export async function runScenario(
  deps: RunnerDeps,
  run: ScenarioRun,
  scenario: Scenario,
  options: RunOptions,
  route: Route
): Promise<ScenarioRun> {
  const { signal } = deps
  const rng = seededRng(run.seed)
  const started = Date.now()
  const since = (): number => Date.now() - started
  const entries: TimelineEntry[] = []
  const progress = (): void => deps.onProgress(run, entries)
  const cause = `scenario ${run.id}`

  let eventIndex = 0
  let tail: Promise<void> = Promise.resolve()
  const held: Planned[] = []
  const late: Planned[] = []

  function recordDelivery(p: Planned, actualMs: number, result: SendResult | null, error: string | null, extra: 'duplicate' | null): void {
    const chaos = extra ? [...p.chaos, extra] : p.chaos
    const base = { kind: 'delivery' as const, event: p.recorded.event, eventIndex: p.eventIndex, plannedMs: p.plannedMs, actualMs, chaos, jitterMs: p.jitterMs }
    const deliveries: Delivery[] = result?.deliveries ?? []
    if (deliveries.length === 0) {
      entries.push({ ...base, messageId: result?.messageId ?? null, deliveryId: null, target: '', status: 'error', responseCode: null, error: error ?? 'no delivery' })
    }
    for (const d of deliveries) {
      run.deliveries += 1
      if (d.status === 'success') run.succeeded += 1
      entries.push({
        ...base,
        messageId: result?.messageId ?? null,
        deliveryId: d.id,
        target: d.endpointName === 'ad hoc' ? d.url : `${d.endpointName} (${d.url})`,
        status: d.status,
        responseCode: d.lastResponseCode ?? null,
        error: d.lastError ?? null
      })
    }
    if (deliveries.length === 0) run.deliveries += 1
    progress()
  }

  async function deliver(p: Planned): Promise<void> {
    if (p.jitterMs > 0) await sleep(p.jitterMs, signal)
    if (signal.aborted) return
    const at = since()
    try {
      recordDelivery(p, at, await deps.emitter.send(p.recorded, route, true), null, null)
    } catch (err) {
      recordDelivery(p, at, null, messageOf(err), null)
      return
    }
    if (p.duplicate) {
      const again = since()
      try {
        recordDelivery(p, again, await deps.emitter.send(p.recorded, route, false), null, 'duplicate')
      } catch (err) {
        recordDelivery(p, again, null, messageOf(err), 'duplicate')
      }
    }
  }

  /** Draws this event's chaos now, in the order events are caused, so a seed repeats exactly. */
  function plan(recorded: RecordedEvent): Planned {
    const p: Planned = { recorded, eventIndex: eventIndex++, plannedMs: since(), chaos: [], jitterMs: 0, duplicate: false }
    const dropped = rng() < options.drop
    p.jitterMs = options.jitterMs > 0 ? Math.round(rng() * options.jitterMs) : 0
    p.duplicate = rng() < options.duplicates
    if (dropped) p.chaos.push('late')
    return p
  }

  function schedule(p: Planned): void {
    if (p.chaos.includes('late')) late.push(p)
    else tail = tail.then(() => deliver(p))
  }

  const undivert = deps.emitter.divert(cause, (recorded) => {
    const p = plan(recorded)
    if (options.shuffle) held.push(p)
    else schedule(p)
  })

  let plannedMs = 0
  try {
    for (const [index, step] of scenario.steps.entries()) {
      plannedMs += step.delayMs
      const wait = started + plannedMs / options.speed - Date.now()
      if (wait > 0) await sleep(wait, signal)
      if (signal.aborted) {
        run.error = STOPPED
        break
      }
      const actualMs = since()
      try {
        const events = perform(deps.operations, step, run, cause)
        entries.push({ kind: 'step', index, op: step.op, plannedMs: Math.round(plannedMs / options.speed), actualMs, events, error: null })
      } catch (err) {
        entries.push({ kind: 'step', index, op: step.op, plannedMs: Math.round(plannedMs / options.speed), actualMs, events: [], error: messageOf(err) })
        run.error = `step ${index + 1} (${step.op}): ${messageOf(err)}`
        progress()
        break
      }
      progress()
    }
  } finally {
    undivert()
  }
  if (options.shuffle) {
    for (const p of shuffled(held, rng)) {
      p.chaos.push('shuffled')
      schedule(p)
    }
  }
  await tail
  for (const p of late) await deliver(p)
  if (signal.aborted) run.error ??= STOPPED

  run.status = run.error === null && run.succeeded === run.deliveries ? 'done' : 'failed'
  if (run.status === 'failed' && run.error === null) run.error = `${run.deliveries - run.succeeded} of ${run.deliveries} deliveries did not succeed on their first attempt`
  run.finishedAt = new Date().toISOString()
  progress()
  return run
}

/** Calls the step's operation on the run's one set of ids; returns the events it caused. */
function perform(ops: PlatformOperations, step: ScenarioStep, run: ScenarioRun, cause: string): string[] {
  const need = (id: string | null, what: string): string => {
    if (!id) throw new Error(`no ${what} yet: an earlier step must create it`)
    return id
  }
  switch (step.op) {
    case 'createInvitation': {
      const { result, events } = ops.createInvitation(
        { customerEmail: step.args.customerEmail ?? 'john.doe@example.com', workflowName: step.args.workflowName, expiresInSeconds: step.args.expiresInSeconds },
        cause
      )
      run.ids.invitationId = result.id
      return events
    }
    case 'completeInvitation': {
      const { result, events } = ops.completeInvitation(need(run.ids.invitationId, 'invitation'), { aml: step.args.aml, responses: step.args.responses, savesProgress: step.args.savesProgress }, cause)
      run.ids.submissionId = result.id
      run.ids.matchId = result.amlMatches[0]?.id ?? null
      return events
    }
    case 'patchSubmission':
      return ops.patchSubmission(need(run.ids.submissionId, 'submission'), step.args, cause).events
    case 'dismissMatch':
      return ops.dismissMatch(need(run.ids.matchId, 'AML match (complete with aml: match)'), { reason: step.args.reason }, cause).events
    case 'cancelInvitation':
      return ops.cancelInvitation(need(run.ids.invitationId, 'invitation'), { reason: step.args.reason }, cause).events
    case 'expireInvitation':
      return ops.expireInvitation(need(run.ids.invitationId, 'invitation'), cause).events
  }
}
