/**
 * The handler audit's data as it crosses the contract: what a run is asked to do, the
 * verdict of each check and each request it made, and the report kept for later comparison.
 */
import { z } from 'zod'

export const AUDIT_CHECK_IDS = [
  'signed-events',
  'raw-bytes',
  'unsigned',
  'forged',
  'duplicates',
  'unknown-events',
  'burst',
  'transport',
  'large-payloads'
] as const
export const AuditCheckId = z.enum(AUDIT_CHECK_IDS)
export type AuditCheckId = z.infer<typeof AuditCheckId>

export const AuditStatus = z.enum(['pass', 'warn', 'fail', 'skip'])
export type AuditStatus = z.infer<typeof AuditStatus>

export const AuditRequest = z.object({
  /** The handler to audit; or give `endpointId` to use a saved endpoint's URL, headers and TLS choice. */
  url: z.string().min(1).optional(),
  endpointId: z.string().min(1).optional(),
  /** Sign with this secret; defaults to the Workbench's current API secret. */
  secret: z.string().min(1).optional(),
  /** Extra CA certificate (PEM file path) to trust for the handler. */
  caFile: z.string().optional(),
  insecureTls: z.boolean().default(false),
  only: z.array(AuditCheckId).optional(),
  budgetMs: z.number().int().min(50).max(60_000).default(2_000),
  /** A GET endpoint of the user's answering how many times an event key was processed (check 5). */
  probeUrl: z.string().min(1).optional()
})
export type AuditRequest = z.input<typeof AuditRequest>

/** One request the audit sent (a delivery in the log) and how its answer was graded. */
export const AuditProbe = z.object({
  label: z.string(),
  /** What a correct handler answers, in words ("2xx", "4xx"). */
  expected: z.string(),
  status: AuditStatus,
  deliveryId: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable()
})
export type AuditProbe = z.infer<typeof AuditProbe>

export const AuditCheckResult = z.object({
  id: AuditCheckId,
  number: z.number().int(),
  title: z.string(),
  /** The docs' words the check comes from. */
  rule: z.string(),
  fix: z.string(),
  status: AuditStatus,
  message: z.string(),
  probes: z.array(AuditProbe)
})
export type AuditCheckResult = z.infer<typeof AuditCheckResult>

export const AuditSummary = z.object({
  pass: z.number().int(),
  warn: z.number().int(),
  fail: z.number().int(),
  skip: z.number().int(),
  ok: z.boolean()
})
export type AuditSummary = z.infer<typeof AuditSummary>

export const AuditReport = z.object({
  id: z.string(),
  url: z.string(),
  endpointId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  budgetMs: z.number().int(),
  checks: z.array(AuditCheckResult),
  summary: AuditSummary
})
export type AuditReport = z.infer<typeof AuditReport>

export const AuditRunSummary = AuditReport.omit({ checks: true })
export type AuditRunSummary = z.infer<typeof AuditRunSummary>

/** Pushed while a run goes: `started` once, then one `check` per finished check, then `finished`. */
export const AuditProgress = z.object({
  runId: z.string(),
  url: z.string(),
  phase: z.enum(['started', 'check', 'finished']),
  done: z.number().int(),
  total: z.number().int(),
  check: AuditCheckResult.optional()
})
export type AuditProgress = z.infer<typeof AuditProgress>
