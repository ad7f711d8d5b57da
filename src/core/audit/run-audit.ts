/**
 * Runs a battery of checks against one handler: resolves the target (a URL or a saved
 * endpoint), runs the selected checks in order (transport last, since it reads the other
 * checks' TLS errors), reports each one as it finishes, and returns the report.
 */
import type { AuditCheckId, AuditCheckResult, AuditProgress, AuditReport } from '../../shared/audit-models'
import { AUDIT_CHECK_IDS } from '../../shared/audit-models'
import { messageOf } from '../../shared/errors'
import { isLocalHost } from '../sender'
import { CHECK_IMPLS, type CheckContext } from './check-impls'
import { checkDefinition } from './definitions'
import type { SendProbe, Sent } from './probe'

export interface RunPlan {
  runId: string
  url: string
  endpointId: string | null
  secret: string
  apiKey: string | null
  budgetMs: number
  insecureTls: boolean
  probeUrl?: string
  only?: AuditCheckId[]
  send: SendProbe
  get: CheckContext['get']
}

export function summarise(checks: AuditCheckResult[]): AuditReport['summary'] {
  const count = (s: string) => checks.filter((c) => c.status === s).length
  return { pass: count('pass'), warn: count('warn'), fail: count('fail'), skip: count('skip'), ok: count('fail') === 0 }
}

export async function runAudit(plan: RunPlan, onProgress: (p: AuditProgress) => void): Promise<AuditReport> {
  const startedAt = new Date().toISOString()
  const selected = AUDIT_CHECK_IDS.filter((id) => !plan.only || plan.only.includes(id))
  // The burst runs last but for transport: a handler that queues work keeps working through
  // the burst's backlog after the audit stops waiting, and that backlog must not time out
  // the checks that follow (results are still reported in the docs' order).
  const last: readonly AuditCheckId[] = ['burst', 'transport']
  const order = [...selected.filter((id) => !last.includes(id)), ...last.filter((id) => selected.includes(id))]
  const sent: Sent[] = []
  const ctx: CheckContext = {
    url: plan.url,
    secret: plan.secret,
    apiKey: plan.apiKey,
    budgetMs: plan.budgetMs,
    insecureTls: plan.insecureTls,
    probeUrl: plan.probeUrl,
    send: plan.send,
    get: plan.get,
    sent
  }
  const parsed = new URL(plan.url)
  // The sender delivers plain http:// only to this machine, like Smart KYC delivers only to HTTPS.
  const unreachable = parsed.protocol === 'http:' && !isLocalHost(parsed.hostname)
  const progress = (phase: AuditProgress['phase'], done: number, check?: AuditCheckResult) =>
    onProgress({ runId: plan.runId, url: plan.url, phase, done, total: order.length, ...(check ? { check } : {}) })

  progress('started', 0)
  const results: AuditCheckResult[] = []
  for (const id of order) {
    const def = checkDefinition(id)
    let outcome: Pick<AuditCheckResult, 'status' | 'message' | 'probes'>
    if (unreachable && id !== 'transport') {
      outcome = { status: 'skip', message: 'not run: Smart KYC (and this audit) only deliver to HTTPS URLs', probes: [] }
    } else {
      try {
        outcome = await CHECK_IMPLS[id](ctx)
      } catch (err) {
        outcome = { status: 'fail', message: `the check could not run: ${messageOf(err)}`, probes: [] }
      }
    }
    const result: AuditCheckResult = { ...def, ...outcome }
    results.push(result)
    progress('check', results.length, result)
  }
  results.sort((a, b) => a.number - b.number)
  const report: AuditReport = {
    id: plan.runId,
    url: plan.url,
    endpointId: plan.endpointId,
    startedAt,
    finishedAt: new Date().toISOString(),
    budgetMs: plan.budgetMs,
    checks: results,
    summary: summarise(results)
  }
  progress('finished', results.length)
  return report
}
