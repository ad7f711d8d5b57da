/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) of captures and of delivery
 * attempts. Headers keep their order and case; bodies that are valid UTF-8 go in `text`,
 * others as base64 with `encoding: "base64"` (HAR 1.2 defines that field for response
 * content only; putting it on postData too is a common extension that Chrome-compatible
 * tools and our importer read). Workbench facts go in `_smartkyc` (custom fields start
 * with `_`, as the spec allows).
 */
import { STATUS_CODES } from 'node:http'
import type { Entry, Har, Header, QueryString, Timings } from 'har-format'
import type { Capture, DeliveryDetail, HeaderPair } from '../../shared/models'
import { WORKBENCH_VERSION } from '../version'
import { utf8Text } from './body-text'
import { captureUrl, headerValue, type ListenerAddress } from './capture-url'

/** A body as both postData and content take it (content adds its size; `encoding` on postData is the extension above). */
interface HarBody {
  mimeType: string
  text: string
  encoding?: 'base64'
}

const harHeaders = (pairs: HeaderPair[]): Header[] => pairs.map(([name, value]) => ({ name, value }))

function body(bytes: Buffer, mimeType: string): HarBody {
  const text = utf8Text(bytes)
  return text !== null ? { mimeType, text } : { mimeType, text: bytes.toString('base64'), encoding: 'base64' }
}

function queryString(query: string): QueryString[] {
  const out: QueryString[] = []
  // URLSearchParams decodes; a malformed escape must not stop the export.
  try {
    for (const [name, value] of new URLSearchParams(query)) out.push({ name, value })
  } catch {
    // leave it empty: the raw query is still in the URL
  }
  return out
}

function harVersion(version: string): string {
  return /^HTTP\//i.test(version) ? version.toUpperCase() : `HTTP/${version}`
}

function timings(waitMs: number): Timings {
  return { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: waitMs, receive: 0 }
}

/** One HAR entry for a capture: the request as received, the reply the listener gave. */
export function captureEntry(capture: Capture, listener: ListenerAddress | null): Entry {
  const bytes = Buffer.from(capture.bodyBase64, 'base64')
  const responseBytes = Buffer.from(capture.response.body, 'utf8')
  const status = capture.response.status ?? 0
  const wait = capture.response.delayMs
  return {
    startedDateTime: capture.receivedAt,
    time: wait,
    request: {
      method: capture.method,
      url: captureUrl(capture, listener),
      httpVersion: harVersion(capture.httpVersion),
      cookies: [],
      headers: harHeaders(capture.headers),
      queryString: queryString(capture.query),
      ...(bytes.length > 0 || capture.method !== 'GET'
        ? { postData: body(bytes, headerValue(capture.headers, 'content-type') ?? '') }
        : {}),
      headersSize: -1,
      bodySize: bytes.length
    },
    response: {
      status,
      statusText: STATUS_CODES[status] ?? '',
      httpVersion: harVersion(capture.httpVersion),
      cookies: [],
      headers: harHeaders(capture.response.headers),
      content: { ...body(responseBytes, headerValue(capture.response.headers, 'content-type') ?? ''), size: responseBytes.length },
      redirectURL: '',
      headersSize: -1,
      bodySize: status === 0 ? -1 : responseBytes.length,
      ...(capture.response.mode !== 'reply' ? { _error: `the listener did not reply normally: ${capture.response.mode}` } : {})
    },
    cache: {},
    timings: timings(wait),
    _smartkyc: {
      kind: 'capture',
      id: capture.id,
      listenerId: capture.listenerId,
      remoteAddress: capture.remoteAddress,
      signature: capture.signature,
      schema: capture.schema,
      duplicateOf: capture.duplicateOf,
      event: capture.event,
      bodyTruncated: capture.bodyTruncated,
      bodySize: capture.bodySize
    }
  }
}

/** One HAR entry per attempt of a delivery: what the mock Smart KYC sent and what came back. */
export function deliveryEntries(delivery: DeliveryDetail): Entry[] {
  const bytes = Buffer.from(delivery.bodyBase64, 'base64')
  return delivery.attempts.map((attempt) => {
    const responseBytes = Buffer.from(attempt.responseBodyBase64, 'base64')
    const status = attempt.responseCode ?? 0
    return {
      startedDateTime: attempt.startedAt,
      time: attempt.durationMs,
      request: {
        method: 'POST',
        url: attempt.requestUrl,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(attempt.requestHeaders),
        queryString: queryString(attempt.requestUrl.split('#')[0].split('?').slice(1).join('?')),
        postData: body(bytes, headerValue(attempt.requestHeaders, 'content-type') ?? ''),
        headersSize: -1,
        bodySize: bytes.length
      },
      response: {
        status,
        statusText: STATUS_CODES[status] ?? '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(attempt.responseHeaders),
        content: { ...body(responseBytes, headerValue(attempt.responseHeaders, 'content-type') ?? ''), size: responseBytes.length },
        redirectURL: headerValue(attempt.responseHeaders, 'location') ?? '',
        headersSize: -1,
        bodySize: attempt.responseCode === null ? -1 : responseBytes.length,
        ...(attempt.error && attempt.outcome === 'error' ? { _error: attempt.error } : {})
      },
      cache: {},
      timings: timings(attempt.durationMs),
      _smartkyc: {
        kind: 'delivery-attempt',
        id: delivery.id,
        messageId: delivery.messageId,
        attempt: attempt.number,
        endpointName: delivery.endpointName,
        event: delivery.event,
        signature: delivery.signature,
        outcome: attempt.outcome,
        error: attempt.error,
        responseTruncated: attempt.responseTruncated,
        origin: delivery.origin
      }
    }
  })
}

export const HAR_BASE64_NOTE =
  'Bodies that are not valid UTF-8 are base64 with "encoding": "base64" (also on postData, a common HAR extension).'

/** The HAR document around `entries`. */
export function harOf(entries: Entry[]): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Smart KYC Webhook Workbench', version: WORKBENCH_VERSION },
      entries,
      comment: HAR_BASE64_NOTE
    }
  }
}
