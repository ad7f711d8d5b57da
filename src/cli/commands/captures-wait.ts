/**
 * `kyc-hooks captures --wait --event E [--count N] [--timeout 30s]`: block until N captures
 * of event E are in the database (a listener in another process writes them), so a CI
 * script can assert "my app sent X" without a polling loop of its own. Captures already
 * there count: the app may have sent before the wait began. On timeout: exit 1, and what
 * did arrive is printed so the failure explains itself.
 */
import { InvalidArgumentError } from 'commander'
import { badInput } from '../../shared/errors'
import type { CaptureSummary } from '../../shared/models'
import type { ContractCall } from '../contract-call'
import { captureColumns, captureJson } from '../capture-format'
import { EXIT_NEGATIVE } from '../errors'
import { setExitCode } from '../options'
import { printJsonLine, printNote, printTable } from '../output'

const POLL_MS = 200

/** `30s`, `500ms`, `2m` or bare seconds, as milliseconds (1 ms to 24 h). */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim())
  const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1_000) : Number.NaN
  if (!Number.isFinite(ms) || ms < 1 || ms > 86_400_000) {
    throw new InvalidArgumentError('write a duration like 30s, 500ms or 2m (at most 24 hours)')
  }
  return Math.round(ms)
}

export interface WaitOptions {
  event?: string
  count: number
  timeoutMs: number
  json?: boolean
}

function print(items: CaptureSummary[], json: boolean, empty: string): void {
  if (json) for (const c of items) printJsonLine(captureJson(c))
  else printTable(items, captureColumns, empty)
}

/** Waits for the captures; sets exit code 1 (and prints what arrived) on timeout. */
export async function waitForCaptures(call: ContractCall, opts: WaitOptions): Promise<void> {
  if (!opts.event) throw badInput('--wait needs --event E: the event to wait for, e.g. --event submission.completed')
  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    const { items, total } = await call('captures.list', { event: opts.event, limit: Math.min(10_000, opts.count) })
    if (total >= opts.count) {
      print([...items].reverse(), opts.json === true, '')
      return
    }
    if (Date.now() >= deadline) {
      const all = await call('captures.list', { limit: 50 })
      const byEvent = new Map<string, number>()
      for (const c of all.items) byEvent.set(c.event ?? '(no event)', (byEvent.get(c.event ?? '(no event)') ?? 0) + 1)
      const tally = [...byEvent].map(([e, n]) => `${e} x${n}`).join(', ')
      printNote(
        `timed out after ${opts.timeoutMs} ms: ${total} of ${opts.count} ${opts.event} capture(s) arrived; ` +
          (all.total === 0 ? 'no captures at all (is the listener running, and does your app send to it?)' : `all captures (${all.total}): ${tally}`)
      )
      print(all.items, opts.json === true, 'no captures arrived')
      setExitCode(EXIT_NEGATIVE)
      return
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))))
  }
}
