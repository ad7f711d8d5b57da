/**
 * How captures look in the terminal: the live line `listen` prints, the `captures` table
 * and the JSON object both emit. All text from the capture is hostile and goes through
 * output.ts before it is written.
 */
import type { CaptureSummary } from '../shared/models'
import type { Column } from './output'

/** `HH:MM:SS.mmm` of an ISO time (UTC, like the stored value). */
export function clock(iso: string): string {
  return iso.length >= 23 ? iso.slice(11, 23) : iso
}

/** `valid`, `INVALID (uppercase-hex)`, `missing`. */
export function signatureText(status: CaptureSummary['signature'], diagnosisCode?: string | null): string {
  if (status === 'invalid') return diagnosisCode ? `INVALID (${diagnosisCode})` : 'INVALID'
  return status
}

/** The path with its query, as the request line had it. */
export function target(c: Pick<CaptureSummary, 'path' | 'query'>): string {
  return c.query ? `${c.path}?${c.query}` : c.path
}

/** One `listen` line: time, method, path, event, signature, schema, duplicate, id. */
export function captureLine(c: CaptureSummary, diagnosisCode?: string | null): string {
  const parts = [
    clock(c.receivedAt),
    c.method.padEnd(6),
    target(c),
    c.event ?? '(no event)',
    `signature ${signatureText(c.signature, diagnosisCode)}`,
    `schema ${c.schema}`
  ]
  if (c.duplicateOf) parts.push(`duplicate of ${c.duplicateOf}`)
  if (c.responseStatus !== null && c.responseStatus !== undefined) parts.push(`-> ${c.responseStatus}`)
  parts.push(c.id)
  return parts.join('  ')
}

/** The JSON object for a capture in `listen --json` and `captures --json`. */
export function captureJson(c: CaptureSummary, diagnosisCode?: string | null): Record<string, unknown> {
  return {
    id: c.id,
    receivedAt: c.receivedAt,
    listenerId: c.listenerId,
    method: c.method,
    path: c.path,
    query: c.query,
    event: c.event,
    signature: c.signature,
    ...(diagnosisCode !== undefined ? { signatureDiagnosis: diagnosisCode } : {}),
    schema: c.schema,
    duplicateOf: c.duplicateOf,
    bodySha256: c.bodySha256,
    bodySize: c.bodySize,
    responseStatus: c.responseStatus,
    source: c.source
  }
}

/** The columns of the `captures` table; ids are printed in full so they can be pasted. */
export const captureColumns: Column<CaptureSummary>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'RECEIVED', value: (c) => c.receivedAt },
  { header: 'METHOD', value: (c) => c.method, max: 8 },
  { header: 'PATH', value: (c) => target(c), max: 40 },
  { header: 'EVENT', value: (c) => c.event ?? '-', max: 28 },
  { header: 'SIGNATURE', value: (c) => c.signature },
  { header: 'SCHEMA', value: (c) => c.schema },
  { header: 'STATUS', value: (c) => (c.responseStatus === null ? '-' : String(c.responseStatus)), align: 'right' },
  { header: 'DUPLICATE OF', value: (c) => c.duplicateOf ?? '' }
]
