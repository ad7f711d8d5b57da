/**
 * The live feed `listen` prints: one line (or JSON object) per capture of one listener as
 * it is committed, and one more when a forwarded capture gets its forward result or a
 * large body's bad signature gets its explanation (diagnosed after the reply). Lines
 * come out in arrival order even when one needs an extra read (the diagnosis code of an
 * invalid signature, the result of a forward).
 */
import type { EventBus } from '../core/event-bus'
import type { CaptureSummary } from '../shared/models'
import { withReadableTimes } from '../shared/readable-times'
import type { ContractCall } from './contract-call'
import { captureJson, captureLine, clock } from './capture-format'
import { printJsonLine, printLine } from './output'

const PENDING = 'diagnosis-pending'

/** A running feed; `stop()` unsubscribes and waits for the lines already queued. */
export interface CaptureFeed {
  stop(): Promise<void>
}

/** Subscribes to the Workbench's capture events for `listenerId` and prints them (reads go through the contract). */
export function startCaptureFeed(bus: EventBus, call: ContractCall, listenerId: string, json: boolean): CaptureFeed {
  let queue = Promise.resolve()
  const enqueue = (work: () => Promise<void>) => {
    // A failed read must not stop the feed: the capture is on disk either way.
    queue = queue.then(work).catch(() => undefined)
  }
  const full = (id: string) => call('captures.get', { id }).catch(() => null)
  // Captures printed with a diagnosis still being worked out: their next update is that diagnosis.
  const awaitingDiagnosis = new Set<string>()

  const offReceived = bus.on('capture.received', (c: CaptureSummary) => {
    if (c.listenerId !== listenerId) return
    enqueue(async () => {
      const code = c.signature === 'invalid' ? ((await full(c.id))?.signatureVerdict.diagnosis?.code ?? null) : undefined
      if (code === PENDING) awaitingDiagnosis.add(c.id)
      if (json) printJsonLine(captureJson(c, code ?? null))
      else printLine(captureLine(c, code))
    })
  })

  const offUpdated = bus.on('capture.updated', (c: CaptureSummary) => {
    if (c.listenerId !== listenerId) return
    enqueue(async () => {
      const capture = await full(c.id)
      const code = capture?.signatureVerdict.diagnosis?.code ?? null
      if (awaitingDiagnosis.has(c.id) && code !== PENDING) {
        awaitingDiagnosis.delete(c.id)
        if (json) printJsonLine({ ...captureJson(c, code), updated: 'diagnosed' })
        else printLine(`${clock(c.receivedAt)}  diagnosed ${c.id}: signature INVALID (${code ?? '?'}): ${withReadableTimes(capture?.signatureVerdict.diagnosis?.message ?? '')}`)
        return
      }
      const forward = capture?.forward ?? null
      if (json) {
        printJsonLine({ ...captureJson(c), updated: 'forwarded', forward })
        return
      }
      const result = forward?.error ? `failed: ${forward.error}` : `${forward?.status ?? '-'} in ${Math.round(forward?.durationMs ?? 0)} ms`
      printLine(`${clock(c.receivedAt)}  forwarded ${c.id} to ${forward?.url ?? '?'}: ${result}; replied ${c.responseStatus ?? '-'}`)
    })
  })

  return {
    async stop() {
      offReceived()
      offUpdated()
      await queue
    }
  }
}
