/**
 * Row <-> model mapping for captures: the one place that knows the storage layout of the
 * `captures` row, both ways. Stored JSON columns were written by us, but a file can be
 * edited or come from an older version, so every parse has a safe fallback.
 */
import type {
  Capture,
  CaptureResponse,
  CaptureSummary,
  ForwardResult,
  SchemaStatus,
  SchemaVerdict,
  SignatureStatus,
  SignatureVerdict
} from '../../shared/models'
import type { Analysis } from './capture-analysis'
import type { CaptureRow, IncomingRequest, NewCaptureRow } from './types'
import { parseHeaders } from '../store/header-column'

/** Columns a list view needs: no headers, no body, no verdict details. */
export const SUMMARY_COLUMNS =
  'seq, id, listener_id, source, received_at, method, path, query, remote_address, body_size, body_sha256, ' +
  'body_truncated, event, signature_status, schema_status, duplicate_of, response_status'

export type SummaryRow = Pick<
  CaptureRow,
  | 'seq'
  | 'id'
  | 'listener_id'
  | 'source'
  | 'received_at'
  | 'method'
  | 'path'
  | 'query'
  | 'remote_address'
  | 'body_size'
  | 'body_sha256'
  | 'body_truncated'
  | 'event'
  | 'signature_status'
  | 'schema_status'
  | 'duplicate_of'
  | 'response_status'
>

/** What a capture is made of, as the receiver knows it when it records one. */
export interface CaptureRecord {
  id: string
  /** null for a capture that came from outside (HAR import). */
  listenerId: string | null
  source: 'listener' | 'import'
  request: IncomingRequest
  analysis: Pick<Analysis, 'sha256' | 'signature' | 'schema'>
  duplicateOf: string | null
  response: CaptureResponse
}

/** The row a capture is stored as (everything but `seq`, which SQLite assigns). */
export function toCaptureRow(c: CaptureRecord): NewCaptureRow {
  const { request: req, analysis } = c
  return {
    id: c.id,
    listener_id: c.listenerId,
    source: c.source,
    received_at: req.receivedAt,
    method: req.method,
    path: req.path,
    query: req.query,
    http_version: req.httpVersion,
    remote_address: req.remoteAddress,
    headers: JSON.stringify(req.headers),
    body: req.body,
    body_size: req.body.length,
    body_sha256: analysis.sha256,
    body_truncated: req.truncated ? 1 : 0,
    event: analysis.schema.event,
    signature_status: analysis.signature.status,
    signature_verdict: JSON.stringify(analysis.signature),
    schema_status: analysis.schema.status,
    schema_verdict: JSON.stringify(analysis.schema),
    duplicate_of: c.duplicateOf,
    response: JSON.stringify(c.response),
    response_status: c.response.status,
    // A forward's result arrives after the row is written (CapturesRepo.setOutcome).
    forward: null
  }
}

const SIGNATURE_STATUSES: readonly string[] = ['valid', 'invalid', 'missing']
const SCHEMA_STATUSES: readonly string[] = ['valid', 'invalid', 'not-json', 'unknown-event']

/** The list-view shape of a row. */
export function toSummary(r: SummaryRow): CaptureSummary {
  return {
    id: r.id,
    seq: r.seq,
    listenerId: r.listener_id,
    receivedAt: r.received_at,
    method: r.method,
    path: r.path,
    query: r.query,
    remoteAddress: r.remote_address,
    bodySize: r.body_size,
    bodySha256: r.body_sha256,
    bodyTruncated: r.body_truncated === 1,
    event: r.event,
    signature: (SIGNATURE_STATUSES.includes(r.signature_status) ? r.signature_status : 'invalid') as SignatureStatus,
    schema: (SCHEMA_STATUSES.includes(r.schema_status) ? r.schema_status : 'invalid') as SchemaStatus,
    duplicateOf: r.duplicate_of,
    responseStatus: r.response_status,
    source: r.source === 'import' ? 'import' : 'listener'
  }
}

/** The full shape of a row, body as base64. */
export function toCapture(r: CaptureRow): Capture {
  const summary = toSummary(r)
  return {
    ...summary,
    httpVersion: r.http_version,
    headers: parseHeaders(r.headers),
    bodyBase64: Buffer.from(r.body).toString('base64'),
    signatureVerdict: parseObject<SignatureVerdict>(r.signature_verdict, {
      status: summary.signature,
      received: null,
      expected: null,
      matchedSecret: null,
      diagnosis: null
    }),
    schemaVerdict: parseObject<SchemaVerdict>(r.schema_verdict, { status: summary.schema, event: r.event, errors: [] }),
    response: parseObject<CaptureResponse>(r.response, {
      mode: 'reply',
      status: r.response_status,
      headers: [],
      body: '',
      delayMs: 0
    }),
    forward: r.forward === null ? null : parseObject<ForwardResult | null>(r.forward, null)
  }
}

function parseObject<T>(text: string, fallback: T): T {
  const value = parseJson(text)
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : fallback
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
