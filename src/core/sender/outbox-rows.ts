/**
 * The outbox's rows and their models: what the repo reads (delivery and attempt rows) and
 * writes (new messages, deliveries, attempt records), and the mapping to the wire models,
 * including the models of rows just written, built without reading them back.
 */
import type { Attempt, Delivery, DeliveryStatus, HeaderPair, Origin } from '../../shared/models'
import { parseHeaders } from '../store/header-column'
import { maxAttempts, parseSchedule } from './retry-schedule'

export interface NewMessage {
  id: string
  event: string | null
  body: Buffer
  signature: string | null
  createdAt: string
  origin: Origin
}

export interface NewDelivery {
  id: string
  endpointId: string | null
  endpointName: string
  url: string
  requestHeaders: HeaderPair[]
  timeoutMs: number
  insecureTls: boolean
  caFile: string | null
  retryScheduleMs: number[]
}

/** Everything an attempt needs, read in one go. */
export interface DeliveryWork {
  delivery: Delivery
  body: Buffer
  signature: string | null
  requestHeaders: HeaderPair[]
  timeoutMs: number
  insecureTls: boolean
  caFile: string | null
  retryScheduleMs: number[]
}

export interface AttemptRecord {
  id: string
  deliveryId: string
  number: number
  startedAt: string
  durationMs: number
  requestUrl: string
  requestHeaders: HeaderPair[]
  responseCode: number | null
  responseHeaders: HeaderPair[]
  responseBody: Buffer
  responseTruncated: boolean
  error: string | null
  outcome: 'success' | 'error'
}

export interface DeliveryOutcome {
  status: DeliveryStatus
  nextAttemptAt: string | null
  lastResponseCode: number | null
  lastResponse: string | null
  lastError: string | null
}

export interface DeliveryRow {
  id: string
  message_id: string
  endpoint_id: string | null
  endpoint_name: string
  url: string
  request_headers: string
  timeout_ms: number
  insecure_tls: number
  ca_file: string | null
  status: DeliveryStatus
  status_reason: string | null
  attempt_count: number
  retry_schedule: string
  next_attempt_at: string | null
  last_response_code: number | null
  last_response: string | null
  last_error: string | null
  created_at: string
  updated_at: string
  event: string | null
  origin_kind: Origin['kind']
  origin_id: string | null
}

export interface AttemptRow {
  id: string
  delivery_id: string
  number: number
  started_at: string
  duration_ms: number
  request_url: string
  request_headers: string
  response_code: number | null
  response_headers: string
  response_body: Buffer
  response_truncated: number
  error: string | null
  outcome: 'success' | 'error'
}


export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    endpointName: row.endpoint_name,
    url: row.url,
    event: row.event,
    status: row.status,
    attemptCount: row.attempt_count,
    maxAttempts: maxAttempts(parseSchedule(row.retry_schedule)),
    lastResponseCode: row.last_response_code,
    lastResponse: row.last_response,
    lastError: row.last_error,
    statusReason: row.status_reason,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    origin: { kind: row.origin_kind, id: row.origin_id }
  }
}

export function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    number: row.number,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    requestUrl: row.request_url,
    requestHeaders: parseHeaders(row.request_headers),
    responseCode: row.response_code,
    responseHeaders: parseHeaders(row.response_headers),
    responseBodyBase64: Buffer.from(row.response_body).toString('base64'),
    responseTruncated: row.response_truncated === 1,
    error: row.error,
    outcome: row.outcome
  }
}

/** The wire model of a delivery just stored by createMessage (pending, claimed by its creator), without reading it back. */
export function newDeliveryModel(message: NewMessage, d: NewDelivery): Delivery {
  return {
    id: d.id,
    messageId: message.id,
    endpointId: d.endpointId,
    endpointName: d.endpointName,
    url: d.url,
    event: message.event,
    status: 'pending',
    attemptCount: 0,
    maxAttempts: maxAttempts(d.retryScheduleMs),
    lastResponseCode: null,
    lastResponse: null,
    lastError: null,
    statusReason: null,
    nextAttemptAt: null,
    createdAt: message.createdAt,
    updatedAt: message.createdAt,
    origin: message.origin
  }
}

/** What the first attempt of a delivery just stored by createMessage needs: what getWork would read back. */
export function newDeliveryWork(message: NewMessage, d: NewDelivery): DeliveryWork {
  return {
    delivery: newDeliveryModel(message, d),
    body: message.body,
    signature: message.signature,
    requestHeaders: d.requestHeaders,
    timeoutMs: d.timeoutMs,
    insecureTls: d.insecureTls,
    caFile: d.caFile,
    retryScheduleMs: d.retryScheduleMs
  }
}

/** The wire model of an attempt just recorded, without reading it back. */
export function attemptModel(record: AttemptRecord): Attempt {
  const { responseBody, ...rest } = record
  return { ...rest, responseBodyBase64: responseBody.toString('base64') }
}
