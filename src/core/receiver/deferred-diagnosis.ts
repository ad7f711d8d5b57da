/**
 * Explaining a bad signature on a large body, after the reply. Verifying is one HMAC per
 * secret and stays on the request path; explaining a mismatch tries up to a hundred HMACs
 * and JSON re-serialisations of the body (about 120 ms per MiB), which would stall every
 * other request on the event loop. So the capture is committed and answered with the
 * verdict `invalid` and a pending diagnosis, and the diagnosis runs here: one job at a
 * time, one step (one HMAC) at a time, within the diagnosis's own budget. When it is done
 * the row is updated and `capture.updated` tells the open views.
 *
 * Bounded: after a step that took t ms it rests for (1 / CPU_SHARE - 1) * t, so however
 * many bad signatures arrive, diagnosing takes at most CPU_SHARE of the event loop and
 * requests keep their latency. The queue holds at most MAX_QUEUED_BYTES of bodies; a
 * capture that does not fit, or is still queued when the listener stops, gets a diagnosis
 * saying it was skipped.
 */
import { setImmediate as nextTurn, setTimeout as rest } from 'node:timers/promises'
import type { EventBus } from '../event-bus'
import { diagnosisFailed, diagnosisSteps } from '../signing'
import type { Diagnosis, SignatureVerdict } from '../../shared/models'
import type { DeferredDiagnosis } from './capture-analysis'
import { toSummary } from './capture-mapping'
import type { CapturesRepo } from './captures-repo'
import type { NewCaptureRow } from './types'

/** Bodies waiting to be explained, in bytes: beyond this, a bad signature is not explained. */
export const MAX_QUEUED_BYTES = 16 * 1024 * 1024
/** The most of the event loop's time diagnosing may take while requests keep arriving. */
export const CPU_SHARE = 0.2

interface Job {
  row: NewCaptureRow & { seq: number }
  verdict: SignatureVerdict
  request: DeferredDiagnosis
}

export interface DeferredDiagnoser {
  /** Queues the diagnosis of a committed capture whose verdict says `diagnosis-pending`. */
  enqueue(row: NewCaptureRow & { seq: number }, verdict: SignatureVerdict, request: DeferredDiagnosis): void
  /** Finishes the diagnosis in progress; the ones still queued are recorded as skipped. */
  drain(): Promise<void>
}

export function createDeferredDiagnoser(deps: { repo: CapturesRepo; bus: EventBus; maxQueuedBytes?: number }): DeferredDiagnoser {
  const maxQueuedBytes = deps.maxQueuedBytes ?? MAX_QUEUED_BYTES
  const queue: Job[] = []
  let queuedBytes = 0
  let running: Promise<void> | null = null

  function record(job: Job, diagnosis: Diagnosis): void {
    let saved: boolean
    try {
      saved = deps.repo.setSignatureVerdict(job.row.id, JSON.stringify({ ...job.verdict, diagnosis }))
    } catch {
      return // the database closed under us at shutdown: the row keeps its pending note
    }
    if (saved) deps.bus.emit('capture.updated', toSummary(job.row))
  }

  async function explain(job: Job): Promise<Diagnosis> {
    const { header, secrets, context } = job.request
    try {
      const steps = diagnosisSteps(job.row.body, header, secrets, context)
      for (;;) {
        const started = performance.now()
        const next = steps.next()
        if (next.done) return next.value
        // Let the requests that arrived meanwhile through, and leave them most of the time.
        const took = performance.now() - started
        await (took < 0.5 ? nextTurn() : rest(took * (1 / CPU_SHARE - 1)))
      }
    } catch (err) {
      return diagnosisFailed(err)
    }
  }

  async function run(): Promise<void> {
    for (let job = queue.shift(); job; job = queue.shift()) {
      record(job, await explain(job))
      queuedBytes -= job.row.body.length // counted until done: the body is held until then
    }
    running = null
  }

  return {
    enqueue(row, verdict, request) {
      const job: Job = { row, verdict, request }
      if (queuedBytes + row.body.length > maxQueuedBytes) {
        record(job, skipped('too many large bodies with a bad signature arrived at once to explain each one'))
        return
      }
      queue.push(job)
      queuedBytes += row.body.length
      running ??= run()
    },
    async drain() {
      for (const job of queue.splice(0)) {
        queuedBytes -= job.row.body.length
        record(job, skipped('the listener stopped before it was explained'))
      }
      await running
    }
  }
}

function skipped(why: string): Diagnosis {
  return {
    code: 'diagnosis-skipped',
    message: `The signature does not match; why was not worked out: ${why}.`,
    hint: 'Check this body and its signature with Verify (or kyc-hooks verify) to get the explanation.'
  }
}
