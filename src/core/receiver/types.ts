/**
 * Types shared by the receiver's parts: a listener's stored configuration, the row a
 * capture becomes, and the shape of captures brought in from a HAR file.
 */
import type { z } from 'zod'
import type { CaptureResponse, ForwardResult, HeaderPair, ListenerInput } from '../../shared/models'

/** A listener as stored: its input fields with defaults applied, plus identity and times. */
export type ListenerConfig = z.output<typeof ListenerInput> & {
  id: string
  createdAt: string
  updatedAt: string
}

/** A request as received: the evidence a capture is made of. */
export interface IncomingRequest {
  receivedAt: string
  method: string
  path: string
  /** The raw text after the first `?` (empty when there is none). */
  query: string
  httpVersion: string
  remoteAddress: string
  headers: HeaderPair[]
  body: Buffer
  /** True when the body went past the limit and was cut at it. */
  truncated: boolean
}

/** A capture brought in from outside (HAR import), recorded with source 'import'. */
export type ImportedCapture = Omit<IncomingRequest, 'truncated'> & {
  responseStatus: number | null
  responseHeaders: HeaderPair[]
  responseBody: string
}

/** One row of the `captures` table, ready to insert (everything but `seq`). */
export interface NewCaptureRow {
  id: string
  listener_id: string | null
  source: 'listener' | 'import'
  received_at: string
  method: string
  path: string
  query: string
  http_version: string
  remote_address: string
  headers: string
  body: Buffer
  body_size: number
  body_sha256: string
  body_truncated: 0 | 1
  event: string | null
  signature_status: string
  signature_verdict: string
  schema_status: string
  schema_verdict: string
  duplicate_of: string | null
  response: string
  response_status: number | null
  forward: string | null
}

/** A stored row, as read back. */
export interface CaptureRow extends NewCaptureRow {
  seq: number
}

/** The reply recorded for a capture, plus the forward when there is one. */
export interface CaptureOutcome {
  response: CaptureResponse
  forward: ForwardResult | null
}
