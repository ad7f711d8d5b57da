/**
 * How the audit sends one request: through the sender (a delivery with one attempt, no
 * retries, tagged with the run), then read back the attempt so the grade sees the answer's
 * status, time and error exactly as the log records them.
 */
import fs from 'node:fs'
import tls from 'node:tls'
import { Agent, request } from 'undici'
import type { AuditProbe, AuditStatus } from '../../shared/audit-models'
import type { HeaderPair } from '../../shared/models'
import type { Sender } from '../sender'

export interface Sent {
  deliveryId: string | null
  responseCode: number | null
  durationMs: number | null
  error: string | null
}

export interface ProbeTarget {
  url: string
  headers: HeaderPair[]
  insecureTls: boolean
  caFile?: string
  budgetMs: number
  runId: string
}

/** How long one request may take before it is abandoned: twice the budget, at least 1 s. */
export function requestTimeoutMs(budgetMs: number): number {
  return Math.min(600_000, Math.max(1_000, budgetMs * 2))
}

export type SendProbe = (args: { body: Buffer; signature: string | null; event: string | null }) => Promise<Sent>

export function probeSender(sender: Pick<Sender, 'deliver' | 'getDeliveries'>, target: ProbeTarget): SendProbe {
  return async ({ body, signature, event }) => {
    const result = await sender.deliver({
      body,
      event,
      signature,
      to: [
        {
          url: target.url,
          headers: target.headers,
          timeoutMs: requestTimeoutMs(target.budgetMs),
          allowLocalHttp: true,
          insecureTls: target.insecureTls,
          ...(target.caFile ? { caFile: target.caFile } : {})
        }
      ],
      origin: { kind: 'audit', id: target.runId },
      retryScheduleMs: []
    })
    const delivery = result.deliveries[0]
    const attempt = sender.getDeliveries([delivery.id])[0]?.attempts.at(-1)
    return {
      deliveryId: delivery.id,
      responseCode: attempt?.responseCode ?? delivery.lastResponseCode,
      durationMs: attempt?.durationMs ?? null,
      error: attempt?.responseCode == null ? (attempt?.error ?? delivery.lastError) : null
    }
  }
}

export const is2xx = (s: Sent): boolean => s.responseCode !== null && s.responseCode >= 200 && s.responseCode < 300
export const is4xx = (s: Sent): boolean => s.responseCode !== null && s.responseCode >= 400 && s.responseCode < 500

/** The answer in words: "200 in 12 ms", "timeout after 4000 ms". */
export function answerText(s: Sent): string {
  if (s.responseCode === null) return s.error ?? 'no answer'
  return `${s.responseCode}${s.durationMs === null ? '' : ` in ${Math.round(s.durationMs)} ms`}`
}

export function probeRow(label: string, expected: string, status: AuditStatus, s: Sent): AuditProbe {
  return { label, expected, status, deliveryId: s.deliveryId, responseCode: s.responseCode, durationMs: s.durationMs, error: s.error }
}

/** Nearest-rank percentile of durations (ms). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/**
 * A GET with the deliveries' TLS trust (system roots, the local CA, --ca, --insecure), for
 * the user's --probe endpoint. Not a delivery: it reads the handler's state, it sends no event.
 */
export function probeGetter(target: Pick<ProbeTarget, 'insecureTls' | 'caFile'>, localCaPem: () => Promise<string | null>) {
  return async (url: URL): Promise<{ statusCode: number; text: string }> => {
    const ca = [...tls.rootCertificates]
    const local = await localCaPem().catch(() => null)
    if (local) ca.push(local)
    if (target.caFile) ca.push(fs.readFileSync(target.caFile, 'utf8'))
    const agent = new Agent({ connect: { ca, rejectUnauthorized: !target.insecureTls, timeout: 5_000 } })
    try {
      const res = await request(url, { method: 'GET', dispatcher: agent, headersTimeout: 5_000, bodyTimeout: 5_000 })
      return { statusCode: res.statusCode, text: await res.body.text() }
    } finally {
      agent.destroy().catch(() => undefined)
    }
  }
}
