/**
 * The implementations of the audit's checks (definitions.ts says what each one is). Each
 * takes the run's context, sends its requests through the sender and grades the answers.
 * Requests go one at a time, except the burst, so one check's load never skews another.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { EVENT_NAMES } from '../../shared/models'
import type { AuditCheckId, AuditProbe, AuditStatus } from '../../shared/audit-models'
import { messageOf } from '../../shared/errors'
import { isLocalHost } from '../sender'
import { RESERIALISES_MESSAGE } from './definitions'
import { compact, largePayload, payload, reserialisationVariants, utf8Payload } from './payloads'
import { answerText, is2xx, is4xx, percentile, probeRow, type SendProbe, type Sent } from './probe'

export interface CheckContext {
  url: string
  secret: string
  apiKey: string | null
  budgetMs: number
  insecureTls: boolean
  probeUrl?: string
  send: SendProbe
  /** GETs a URL of the handler's host with the same TLS trust as the deliveries (the --probe endpoint). */
  get(url: URL): Promise<{ statusCode: number; text: string }>
  /** Every request sent so far in this run (transport looks for TLS failures among them). */
  sent: Sent[]
}

export interface CheckOutcome {
  status: AuditStatus
  message: string
  probes: AuditProbe[]
}

export type CheckImpl = (ctx: CheckContext) => Promise<CheckOutcome>

const sign = (body: Buffer, secret: string): string => createHmac('sha256', secret).update(body).digest('hex')

/** The worst of several statuses: fail > warn > pass. */
function worst(statuses: AuditStatus[]): AuditStatus {
  if (statuses.includes('fail')) return 'fail'
  if (statuses.includes('warn')) return 'warn'
  return 'pass'
}

async function signedSend(ctx: CheckContext, body: Buffer, event: string): Promise<Sent> {
  return record(ctx, await ctx.send({ body, signature: sign(body, ctx.secret), event }))
}

function record(ctx: CheckContext, s: Sent): Sent {
  ctx.sent.push(s)
  return s
}

/** 2xx within the budget, in words when it is not. */
function timelyProblem(ctx: CheckContext, s: Sent): string | null {
  if (!is2xx(s)) return `answered ${answerText(s)}`
  if (s.durationMs !== null && s.durationMs > ctx.budgetMs) return `took ${Math.round(s.durationMs)} ms, over the ${ctx.budgetMs} ms budget`
  return null
}

const signedEvents: CheckImpl = async (ctx) => {
  const probes: AuditProbe[] = []
  const problems: string[] = []
  for (const event of EVENT_NAMES) {
    const s = await signedSend(ctx, compact(payload(event)), event)
    const problem = timelyProblem(ctx, s)
    if (problem) problems.push(`${event} ${problem}`)
    probes.push(probeRow(event, `2xx within ${ctx.budgetMs} ms`, problem ? 'fail' : 'pass', s))
  }
  return problems.length === 0
    ? { status: 'pass', message: `all ${EVENT_NAMES.length} events answered 2xx within ${ctx.budgetMs} ms`, probes }
    : { status: 'fail', message: problems.join('; '), probes }
}

const rawBytes: CheckImpl = async (ctx) => {
  const probes: AuditProbe[] = []
  const refused: string[] = []
  const broken: string[] = []
  for (const variant of reserialisationVariants()) {
    const s = await signedSend(ctx, variant.body, 'submission.completed')
    let status: AuditStatus = 'pass'
    if (is4xx(s)) {
      refused.push(variant.label)
      status = 'fail'
    } else if (!is2xx(s)) {
      broken.push(`${variant.label}: ${answerText(s)}`)
      status = 'fail'
    }
    probes.push(probeRow(`validly signed, ${variant.label}`, '2xx', status, s))
  }
  if (refused.length > 0) return { status: 'fail', message: `${RESERIALISES_MESSAGE} (refused: ${refused.join(', ')})`, probes }
  if (broken.length > 0) return { status: 'fail', message: `no 2xx for a validly signed body: ${broken.join('; ')}`, probes }
  return { status: 'pass', message: 'accepted validly signed bodies in every shape (pretty, reordered, \\u escapes, trailing newline)', probes }
}

/** A request the handler must refuse: 4xx passes, 2xx fails (or warns when `lenient`), anything else warns. */
function refusal(label: string, s: Sent, acceptedStatus: AuditStatus): { status: AuditStatus; problem: string | null; probe: AuditProbe } {
  let status: AuditStatus = 'pass'
  let problem: string | null = null
  if (is2xx(s)) {
    status = acceptedStatus
    problem = `accepted ${label} (${answerText(s)})`
  } else if (!is4xx(s)) {
    status = 'warn'
    problem = `refused ${label} with ${answerText(s)}: answer 401 instead`
  }
  return { status, problem, probe: probeRow(label, '4xx (401)', status, s) }
}

const unsigned: CheckImpl = async (ctx) => {
  const body = compact(payload('submission.approved'))
  const s = record(ctx, await ctx.send({ body, signature: null, event: 'submission.approved' }))
  const r = refusal('a request without X-SmartKYC-Signature', s, 'fail')
  return { status: r.status, message: r.problem ?? `refused the unsigned request (${answerText(s)})`, probes: [r.probe] }
}

const forged: CheckImpl = async (ctx) => {
  const cases: Array<{ label: string; body: Buffer; signature: string; accepted: AuditStatus }> = []
  const b1 = compact(payload('submission.approved'))
  cases.push({ label: 'a signature made with another secret', body: b1, signature: sign(b1, `skyc_sec_${randomBytes(16).toString('hex')}`), accepted: 'fail' })
  if (ctx.apiKey) {
    const b2 = compact(payload('submission.approved'))
    cases.push({ label: 'a signature keyed with the API key instead of the secret', body: b2, signature: sign(b2, ctx.apiKey), accepted: 'fail' })
  }
  const original = payload('submission.rejected')
  const signedBytes = compact(original)
  original.data.status = 'approved'
  cases.push({ label: 'a body changed after signing', body: compact(original), signature: sign(signedBytes, ctx.secret), accepted: 'fail' })
  const b4 = compact(payload('submission.approved'))
  cases.push({ label: 'the right digest prefixed with "sha256="', body: b4, signature: `sha256=${sign(b4, ctx.secret)}`, accepted: 'warn' })
  const b5 = compact(payload('submission.approved'))
  cases.push({ label: 'the right digest in upper case', body: b5, signature: sign(b5, ctx.secret).toUpperCase(), accepted: 'warn' })

  const probes: AuditProbe[] = []
  const problems: string[] = []
  const statuses: AuditStatus[] = []
  for (const c of cases) {
    const event = JSON.parse(c.body.toString('utf8')).event as string
    const s = record(ctx, await ctx.send({ body: c.body, signature: c.signature, event }))
    const r = refusal(c.label, s, c.accepted)
    statuses.push(r.status)
    if (r.problem) problems.push(r.status === 'warn' && is2xx(s) ? `${r.problem}: the docs compare lowercase hex exactly` : r.problem)
    probes.push(r.probe)
  }
  const skipped = ctx.apiKey ? '' : ' (no API key stored, so the API-key forgery was not tried)'
  const status = worst(statuses)
  return { status, message: (problems.length ? problems.join('; ') : `refused all ${cases.length} forgeries`) + skipped, probes }
}

/** Asks the user's probe endpoint how many times a submission was processed. */
async function processedCount(ctx: CheckContext, probeUrl: string, submissionId: string, event: string): Promise<number | string> {
  const url = new URL(probeUrl)
  url.searchParams.set('submissionId', submissionId)
  url.searchParams.set('event', event)
  try {
    const res = await ctx.get(url)
    const text = res.text
    if (res.statusCode < 200 || res.statusCode >= 300) return `the probe ${url.href} answered ${res.statusCode}`
    const value: unknown = JSON.parse(text)
    const count = typeof value === 'number' ? value : (value as { count?: unknown } | null)?.count
    return typeof count === 'number' ? count : `the probe ${url.href} answered ${JSON.stringify(text.slice(0, 80))}, not {"count": N}`
  } catch (err) {
    return `the probe ${url.href} could not be read: ${messageOf(err)}`
  }
}

const duplicates: CheckImpl = async (ctx) => {
  const p = payload('submission.completed')
  const body = compact(p)
  const first = await signedSend(ctx, body, 'submission.completed')
  const second = await signedSend(ctx, body, 'submission.completed')
  const probes = [
    probeRow('first delivery', '2xx', is2xx(first) ? 'pass' : 'fail', first),
    probeRow('the same delivery again', '2xx', is2xx(second) ? 'pass' : 'fail', second)
  ]
  if (!is2xx(first)) return { status: 'fail', message: `the first delivery got ${answerText(first)}`, probes }
  if (!is2xx(second)) {
    return { status: 'fail', message: `the duplicate got ${answerText(second)}: Smart KYC would retry it; acknowledge it with 2xx`, probes }
  }
  if (!ctx.probeUrl) return { status: 'pass', message: 'both copies acknowledged with 2xx (pass --probe URL to check it was processed once)', probes }
  const count = await processedCount(ctx, ctx.probeUrl, String(p.data.submissionId), 'submission.completed')
  if (typeof count === 'string') return { status: 'warn', message: `both copies acknowledged, but ${count}`, probes }
  if (count !== 1) return { status: 'fail', message: `both copies acknowledged, but the probe says the event was processed ${count} times, not once`, probes }
  return { status: 'pass', message: 'both copies acknowledged with 2xx and processed once (per the probe)', probes }
}

/** 2xx or 4xx passes; 5xx, a timeout or no answer fails. */
function survives(label: string, s: Sent): { status: AuditStatus; problem: string | null; probe: AuditProbe } {
  const ok = is2xx(s) || is4xx(s)
  return { status: ok ? 'pass' : 'fail', problem: ok ? null : `${label} got ${answerText(s)}`, probe: probeRow(label, '2xx or a deliberate 4xx', ok ? 'pass' : 'fail', s) }
}

const unknownEvents: CheckImpl = async (ctx) => {
  const unknown = payload('submission.created', (p) => (p.event = 'submission.archived'))
  const r1 = survives('an unknown event (submission.archived)', await signedSend(ctx, compact(unknown), 'submission.archived'))
  const completed = payload('submission.completed')
  const created = payload('submission.created', (p) => (p.data.submissionId = completed.data.submissionId))
  const r2 = survives('submission.completed before its submission.created', await signedSend(ctx, compact(completed), 'submission.completed'))
  const r3 = survives('the late submission.created', await signedSend(ctx, compact(created), 'submission.created'))
  const rs = [r1, r2, r3]
  const problems = rs.flatMap((r) => (r.problem ? [r.problem] : []))
  return {
    status: worst(rs.map((r) => r.status)),
    message: problems.length ? `${problems.join('; ')}: a 5xx or a timeout makes the platform retry forever` : 'answered the unknown and out-of-order events without a 5xx',
    probes: rs.map((r) => r.probe)
  }
}

export const BURST_SIZE = 20

const burst: CheckImpl = async (ctx) => {
  const events = ['submission.created', 'submission.updated', 'submission.completed', 'aml.screening.completed'] as const
  const sent = await Promise.all(
    Array.from({ length: BURST_SIZE }, (_, i) => signedSend(ctx, compact(payload(events[i % events.length])), events[i % events.length]))
  )
  const probes: AuditProbe[] = []
  const problems: string[] = []
  sent.forEach((s, i) => {
    const problem = timelyProblem(ctx, s)
    if (problem) problems.push(problem)
    probes.push(probeRow(`burst ${i + 1} of ${BURST_SIZE}`, `2xx within ${ctx.budgetMs} ms`, problem ? 'fail' : 'pass', s))
  })
  const times = sent.flatMap((s) => (s.durationMs === null ? [] : [s.durationMs]))
  const stats = `p50 ${Math.round(percentile(times, 50))} ms, p95 ${Math.round(percentile(times, 95))} ms (budget ${ctx.budgetMs} ms)`
  return problems.length === 0
    ? { status: 'pass', message: `${BURST_SIZE} concurrent deliveries all answered 2xx: ${stats}`, probes }
    : { status: 'fail', message: `${problems.length} of ${BURST_SIZE} concurrent deliveries failed (${problems[0]}): ${stats}`, probes }
}

const TLS_PROBLEM = /certificate|self[- ]signed|TLS|SSL|handshake|CERT_|hostname/i

const transport: CheckImpl = async (ctx) => {
  const url = new URL(ctx.url)
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) {
    return { status: 'fail', message: `Webhooks require HTTPS: ${ctx.url} is plain http:// to another machine`, probes: [] }
  }
  let sent = ctx.sent
  if (sent.length === 0) sent = [await signedSend(ctx, compact(payload('submission.created')), 'submission.created')]
  // The sender appends "(insecure TLS was on …)" to any error under --insecure: not itself a TLS problem.
  const tlsFailure = sent.find((s) => s.responseCode === null && s.error && TLS_PROBLEM.test(s.error.replace(/\s*\(insecure TLS was on[^)]*\)/, '')))
  if (url.protocol === 'https:' && tlsFailure) return { status: 'fail', message: `TLS problem: ${tlsFailure.error}`, probes: [] }
  if (url.protocol === 'http:') {
    return { status: 'warn', message: 'plain http:// to this machine is fine while developing; Smart KYC only delivers to HTTPS', probes: [] }
  }
  if (ctx.insecureTls) return { status: 'warn', message: 'HTTPS, but the certificate was not verified (--insecure): Smart KYC will verify it', probes: [] }
  return { status: 'pass', message: 'HTTPS with a certificate that verified', probes: [] }
}

const largePayloads: CheckImpl = async (ctx) => {
  const big = await signedSend(ctx, largePayload(), 'submission.completed')
  const utf8 = await signedSend(ctx, utf8Payload(), 'submission.completed')
  const grade = (label: string, s: Sent) => {
    const status: AuditStatus = !is2xx(s) ? 'fail' : s.durationMs !== null && s.durationMs > ctx.budgetMs ? 'warn' : 'pass'
    return { status, problem: status === 'pass' ? null : `${label} ${status === 'fail' ? 'got' : 'took'} ${answerText(s)}`, probe: probeRow(label, '2xx', status, s) }
  }
  const rs = [grade('a 1 MB responses object', big), grade('UTF-8 names (Zoë, Núñez, 李小龍, Привет 👋)', utf8)]
  const problems = rs.flatMap((r) => (r.problem ? [r.problem] : []))
  return {
    status: worst(rs.map((r) => r.status)),
    message: problems.length ? problems.join('; ') : 'accepted a 1 MB payload and UTF-8 names',
    probes: rs.map((r) => r.probe)
  }
}

export const CHECK_IMPLS: Record<AuditCheckId, CheckImpl> = {
  'signed-events': signedEvents,
  'raw-bytes': rawBytes,
  unsigned,
  forged,
  duplicates,
  'unknown-events': unknownEvents,
  burst,
  transport,
  'large-payloads': largePayloads
}
