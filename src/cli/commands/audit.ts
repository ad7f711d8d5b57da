/**
 * `kyc-hooks audit --to URL`: grade a webhook handler against the Smart KYC docs' rules.
 * Exit 0 when no check fails (warnings allowed), 1 when one fails, 2 on usage errors.
 * Every request it sends is a delivery in the log (`kyc-hooks deliveries`).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { AUDIT_CHECK_IDS, type AuditCheckId, type AuditReport } from '../../shared/audit-models'
import { badInput, messageOf } from '../../shared/errors'
import { EXIT_NEGATIVE } from '../errors'
import { assertReadable } from '../input'
import { setExitCode, withContract } from '../options'
import { intOption, parseHttpUrl } from '../parse'
import { printJsonLine, printLine, printNote } from '../output'

interface AuditOptions {
  to: string
  secret?: string
  ca?: string
  insecure?: boolean
  only?: string
  json?: boolean
  junit?: string
  budgetMs: number
  probe?: string
}

/** `--only 1,raw-bytes,forged`: check ids or numbers, checked against the nine. */
export function parseOnly(text: string): AuditCheckId[] {
  const out: AuditCheckId[] = []
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const byNumber = /^\d+$/.test(part) ? AUDIT_CHECK_IDS[Number(part) - 1] : undefined
    const id = byNumber ?? (AUDIT_CHECK_IDS as readonly string[]).find((c) => c === part)
    if (!id) throw badInput(`--only ${JSON.stringify(part)} is not a check: use 1-9 or ${AUDIT_CHECK_IDS.join(', ')}`)
    if (!out.includes(id as AuditCheckId)) out.push(id as AuditCheckId)
  }
  if (out.length === 0) throw badInput(`--only is empty: list checks, e.g. --only unsigned,forged`)
  return out
}

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const

function printReport(report: AuditReport): void {
  printLine(`Audit of ${report.url} (budget ${report.budgetMs} ms, run ${report.id})`)
  for (const c of report.checks) {
    printLine(`${MARK[c.status]}  ${c.number}. ${c.title}: ${c.message}`)
    if (c.status === 'fail' || c.status === 'warn') printLine(`      fix: ${c.fix}`)
  }
  const s = report.summary
  printLine(`${s.pass} passed, ${s.warn} warned, ${s.fail} failed${s.skip ? `, ${s.skip} skipped` : ''}. Requests: kyc-hooks deliveries`)
}

async function runAuditCommand(opts: AuditOptions, command: Command): Promise<void> {
  const url = parseHttpUrl('--to', opts.to)
  const only = opts.only === undefined ? undefined : parseOnly(opts.only)
  const probeUrl = opts.probe === undefined ? undefined : parseHttpUrl('--probe', opts.probe)
  const caFile = opts.ca === undefined ? undefined : path.resolve(opts.ca)
  if (caFile) assertReadable(caFile, '--ca')
  const junit = opts.junit === undefined ? undefined : path.resolve(opts.junit)
  if (junit && !fs.existsSync(path.dirname(junit))) {
    throw badInput(`--junit ${opts.junit}: the folder ${path.dirname(junit)} does not exist; create it or pick another path`)
  }
  await withContract(command, async (call) => {
    const report = await call('audit.run', {
      url,
      secret: opts.secret,
      insecureTls: opts.insecure === true,
      budgetMs: opts.budgetMs,
      ...(caFile ? { caFile } : {}),
      ...(only ? { only } : {}),
      ...(probeUrl ? { probeUrl } : {})
    })
    if (opts.json) {
      for (const c of report.checks) printJsonLine({ type: 'check', ...c })
      printJsonLine({ type: 'summary', id: report.id, url: report.url, budgetMs: report.budgetMs, ...report.summary })
    } else {
      printReport(report)
    }
    if (junit) {
      const { toJUnitXml } = await import('../../core/audit/junit')
      try {
        fs.writeFileSync(junit, toJUnitXml(report))
      } catch (err) {
        throw badInput(`cannot write --junit ${junit}: ${messageOf(err)}`)
      }
      if (!opts.json) printNote(`JUnit report written to ${junit}`)
    }
    if (!report.summary.ok) setExitCode(EXIT_NEGATIVE)
  })
}

/** Registers `audit`. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("grade a webhook handler against the Smart KYC docs' rules (exit 0 when nothing fails, 1 when a check fails)")
    .requiredOption('--to <url>', 'the handler to audit, e.g. https://localhost:3000/webhooks/smart-kyc')
    .option('--secret <secret>', 'the API secret the handler verifies with (default: the stored API secret)')
    .option('--ca <file>', "also trust this CA certificate (PEM) for the handler; the Workbench's local CA is always trusted")
    .option('--insecure', 'do not verify the TLS certificate of the handler (check 8 then warns)')
    .option('--only <checks>', `run only these checks (numbers or ids): ${AUDIT_CHECK_IDS.join(', ')}`)
    .option('--json', 'one JSON object per check, then a summary object')
    .option('--junit <file>', 'also write a JUnit XML report (one testcase per check) for CI')
    .option('--budget-ms <ms>', 'how fast each answer must be (default 2000)', intOption('--budget-ms', 50, 60_000), 2_000)
    .option('--probe <url>', 'GET endpoint of yours answering {"count": N} for ?submissionId=…&event=… (check 5: processed once)')
    .action((opts: AuditOptions, command: Command) => runAuditCommand(opts, command))
}
