/**
 * The domain objects every face of the Workbench exchanges (core, contract, CLI, UI).
 * They are zod schemas so the contract can validate them at the boundary and the
 * types below are derived from one definition. All values are JSON-safe: bytes
 * travel as base64 strings, times as ISO 8601 UTC strings.
 */
import { z } from 'zod'
import { EVENT_NAMES } from './event-names'
import { HealthWindow } from './health-models'
import { replyHeaderProblem } from './http-rules'

// The list itself is zod-free, so the UI's first paint can name events without loading zod.
export { EVENT_NAMES }
export const EventName = z.enum(EVENT_NAMES)
export type EventName = z.infer<typeof EventName>

/** The one header that carries Smart KYC's signature, spelled as the docs spell it. */
export const SIGNATURE_HEADER = 'X-SmartKYC-Signature'

/** A header as it travelled: original case, original order, duplicates kept. */
export const HeaderPair = z.tuple([z.string(), z.string()])
export type HeaderPair = z.infer<typeof HeaderPair>

export const IsoTime = z.string()

// ---------------------------------------------------------------- signing

/** Why a signature did not verify, in words a developer can act on. */
export const Diagnosis = z.object({
  /** Stable machine code, e.g. `uppercase-hex`, `reserialized-body`, `rotated-secret`. */
  code: z.string(),
  /** One sentence: what happened. */
  message: z.string(),
  /** One sentence: what to do about it. */
  hint: z.string()
})
export type Diagnosis = z.infer<typeof Diagnosis>

export const SignatureStatus = z.enum(['valid', 'invalid', 'missing'])
export type SignatureStatus = z.infer<typeof SignatureStatus>

export const SignatureVerdict = z.object({
  status: SignatureStatus,
  /** The header value as received (null when missing). */
  received: z.string().nullable(),
  /**
   * Lowercase hex HMAC-SHA256 of the exact bytes with the secret named by `expectedSecret`:
   * the one that matched (also when it matches only once the received encoding is
   * normalised), else the first (current) secret; null when no secret is known.
   */
  expected: z.string().nullable(),
  /** Which configured secret matched, by label (e.g. `current`, `previous`, `listener #2`). */
  matchedSecret: z.string().nullable(),
  diagnosis: Diagnosis.nullable(),
  /** The label of the secret `expected` was computed with (absent in verdicts stored before it existed). */
  expectedSecret: z.string().nullable().optional(),
  /**
   * The digest the received value carries when it is not plain lowercase hex ("sha256=…",
   * upper-case, base64), as lowercase hex to compare with `expected`; null when it is not
   * a 32-byte digest at all.
   */
  receivedDigest: z
    .object({ hex: z.string(), encoding: z.enum(['hex', 'prefixed', 'upper-hex', 'base64']) })
    .nullable()
    .optional()
})
export type SignatureVerdict = z.infer<typeof SignatureVerdict>

// ---------------------------------------------------------------- schema validation

export const SchemaStatus = z.enum(['valid', 'invalid', 'not-json', 'unknown-event'])
export type SchemaStatus = z.infer<typeof SchemaStatus>

export const SchemaError = z.object({
  /** JSON Pointer to the offending value, e.g. `/data/matchScore`. */
  path: z.string(),
  message: z.string(),
  keyword: z.string()
})
export type SchemaError = z.infer<typeof SchemaError>

export const SchemaVerdict = z.object({
  status: SchemaStatus,
  event: z.string().nullable(),
  errors: z.array(SchemaError)
})
export type SchemaVerdict = z.infer<typeof SchemaVerdict>

// ---------------------------------------------------------------- credentials

export const PreviousSecret = z.object({
  masked: z.string(),
  retiredAt: IsoTime,
  validUntil: IsoTime
})

export const Credentials = z.object({
  apiKey: z.string(),
  secretMasked: z.string(),
  /** Present only in the answer to create or rotate: the secret is shown once. */
  secret: z.string().optional(),
  createdAt: IsoTime,
  previous: z.array(PreviousSecret)
})
export type Credentials = z.infer<typeof Credentials>

// ---------------------------------------------------------------- receiver

export const ResponseMode = z.enum(['reply', 'timeout', 'reset'])
export type ResponseMode = z.infer<typeof ResponseMode>

/**
 * Headers a listener replies with: each name and value must travel as-is, so a bad one is
 * refused when saved, not on the first request. The listener form safeParses this; the
 * engine checks the same rule (replyHeaderProblem) when it saves a listener.
 */
export const ReplyHeaders = z.array(HeaderPair).superRefine((pairs, ctx) => {
  pairs.forEach((pair, i) => {
    const problem = replyHeaderProblem(pair)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [i] })
  })
})

/** How a listener answers. Failures are layered on top of the normal reply. */
export const ResponseRule = z.object({
  status: z.number().int().min(100).max(599).default(200),
  headers: z.array(HeaderPair).default([['Content-Type', 'application/json']]),
  body: z.string().default('{"received":true}'),
  delayMs: z.number().int().min(0).max(600_000).default(0),
  /** Answer `failureStatus` to the first N requests carrying the same body (i.e. the first N attempts of each delivery). */
  failFirst: z.number().int().min(0).max(1000).default(0),
  /** Probability 0..1 of answering `failureStatus` instead of the normal reply. */
  failureRate: z.number().min(0).max(1).default(0),
  failureStatus: z.number().int().min(100).max(599).default(500),
  /** `timeout`: never answer; `reset`: drop the connection. Both still capture. */
  mode: ResponseMode.default('reply')
})
export type ResponseRule = z.infer<typeof ResponseRule>

export const Protocol = z.enum(['https', 'http'])

export const ListenerInput = z.object({
  name: z.string().min(1).max(100).default('Listener'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8443),
  protocol: Protocol.default('https'),
  /** Extra secrets to verify with, besides the Workbench's API secret (current and in-grace previous). */
  secrets: z.array(z.string().min(1)).default([]),
  useApiSecret: z.boolean().default(true),
  rule: ResponseRule.default(ResponseRule.parse({})),
  forwardTo: z.string().url().nullable().default(null),
  bodyLimitBytes: z.number().int().min(1).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  autoStart: z.boolean().default(false)
})
export type ListenerInput = z.input<typeof ListenerInput>

export const ListenerStatus = z.enum(['stopped', 'starting', 'running', 'error'])

export const ListenerState = z.object({
  id: z.string(),
  status: ListenerStatus,
  /** The URL to send webhooks to while running. */
  url: z.string().nullable(),
  /** Why it is in `error`, in words, e.g. "port 8443 is in use: choose another port or stop the other listener". */
  error: z.string().nullable()
})
export type ListenerState = z.infer<typeof ListenerState>

export const Listener = ListenerInput.extend({
  id: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  state: ListenerState
})
export type Listener = z.infer<typeof Listener>

export const ForwardResult = z.object({
  url: z.string(),
  status: z.number().int().nullable(),
  headers: z.array(HeaderPair),
  bodyBase64: z.string(),
  error: z.string().nullable(),
  durationMs: z.number()
})
export type ForwardResult = z.infer<typeof ForwardResult>

export const CaptureResponse = z.object({
  /** What the listener did: replied, never answered, reset the socket, or refused a body over the limit. */
  mode: z.enum(['reply', 'timeout', 'reset', 'too-large']),
  status: z.number().int().nullable(),
  headers: z.array(HeaderPair),
  body: z.string(),
  delayMs: z.number().int()
})
export type CaptureResponse = z.infer<typeof CaptureResponse>

/** What list views show: no headers, no body. */
export const CaptureSummary = z.object({
  id: z.string(),
  seq: z.number().int(),
  listenerId: z.string().nullable(),
  receivedAt: IsoTime,
  method: z.string(),
  path: z.string(),
  query: z.string(),
  remoteAddress: z.string(),
  bodySize: z.number().int(),
  bodySha256: z.string(),
  bodyTruncated: z.boolean(),
  event: z.string().nullable(),
  signature: SignatureStatus,
  schema: SchemaStatus,
  duplicateOf: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  source: z.enum(['listener', 'import'])
})
export type CaptureSummary = z.infer<typeof CaptureSummary>

export const Capture = CaptureSummary.extend({
  httpVersion: z.string(),
  headers: z.array(HeaderPair),
  bodyBase64: z.string(),
  signatureVerdict: SignatureVerdict,
  schemaVerdict: SchemaVerdict,
  response: CaptureResponse,
  forward: ForwardResult.nullable()
})
export type Capture = z.infer<typeof Capture>

export const CaptureFilter = z.object({
  listenerId: z.string().optional(),
  event: z.string().optional(),
  signature: SignatureStatus.optional(),
  schema: SchemaStatus.optional(),
  responseStatus: z.number().int().optional(),
  /** Free text: matched against path, event, ids and the body text. */
  q: z.string().optional(),
  /** Only captures with seq lower than this (paging backwards, newest first). */
  beforeSeq: z.number().int().optional(),
  limit: z.number().int().min(1).max(10_000).default(200)
})
export type CaptureFilter = z.input<typeof CaptureFilter>

// ---------------------------------------------------------------- sender

/** One sentence for every way a timeout can be wrong, naming the value (forms show it beside the field). */
const timeoutError = (issue: { input?: unknown }): string =>
  `timeout ${JSON.stringify(issue.input)} is not allowed: use a whole number of milliseconds from 100 to 600000`

export const EndpointInput = z.object({
  name: z.string().min(1, 'give the endpoint a name, e.g. "Staging API"').max(200),
  url: z.string().min(1, 'enter the endpoint URL, e.g. https://example.com/webhooks/smart-kyc'),
  active: z.boolean().default(true),
  headers: z.array(HeaderPair).default([]),
  timeoutMs: z
    .number({ error: timeoutError })
    .int({ error: timeoutError })
    .min(100, { error: timeoutError })
    .max(600_000, { error: timeoutError })
    .default(10_000),
  /** Smart KYC requires HTTPS; this explicitly allows http:// to localhost-style hosts for local development. */
  allowLocalHttp: z.boolean().default(false),
  /** Skip TLS certificate verification (shown with a warning). */
  insecureTls: z.boolean().default(false)
})
export type EndpointInput = z.input<typeof EndpointInput>

export const Endpoint = EndpointInput.extend({
  id: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime
})
export type Endpoint = z.infer<typeof Endpoint>

/**
 * pending: an attempt is due or in flight. paused: its endpoint is Inactive ("webhooks are
 * paused"); it resumes when the endpoint is made Active again. cancelled: its endpoint was
 * deleted; kept in the log with the reason, never attempted again on its own.
 */
export const DeliveryStatus = z.enum(['pending', 'success', 'error', 'paused', 'cancelled'])
export type DeliveryStatus = z.infer<typeof DeliveryStatus>

export const Origin = z.object({
  kind: z.enum(['compose', 'test', 'cli', 'replay-capture', 'resend-delivery', 'platform', 'audit']),
  id: z.string().nullable()
})
export type Origin = z.infer<typeof Origin>

export const Message = z.object({
  id: z.string(),
  event: z.string().nullable(),
  createdAt: IsoTime,
  bodySize: z.number().int(),
  signature: z.string().nullable(),
  origin: Origin
})
export type Message = z.infer<typeof Message>

export const Delivery = z.object({
  id: z.string(),
  messageId: z.string(),
  endpointId: z.string().nullable(),
  endpointName: z.string(),
  url: z.string(),
  event: z.string().nullable(),
  status: DeliveryStatus,
  attemptCount: z.number().int(),
  maxAttempts: z.number().int(),
  lastResponseCode: z.number().int().nullable(),
  /** First bytes of the last response body, as text. */
  lastResponse: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Why a delivery is paused or cancelled ("endpoint \"Acme\" was deleted"); null otherwise. */
  statusReason: z.string().nullable().optional(),
  nextAttemptAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  origin: Origin
})
export type Delivery = z.infer<typeof Delivery>

export const Attempt = z.object({
  id: z.string(),
  deliveryId: z.string(),
  number: z.number().int(),
  startedAt: IsoTime,
  durationMs: z.number(),
  requestUrl: z.string(),
  requestHeaders: z.array(HeaderPair),
  responseCode: z.number().int().nullable(),
  responseHeaders: z.array(HeaderPair),
  responseBodyBase64: z.string(),
  responseTruncated: z.boolean(),
  /** e.g. `ECONNREFUSED: nothing listens on 127.0.0.1:3000`, `timeout after 10000 ms`, TLS errors. */
  error: z.string().nullable(),
  outcome: z.enum(['success', 'error'])
})
export type Attempt = z.infer<typeof Attempt>

export const DeliveryDetail = Delivery.extend({
  attempts: z.array(Attempt),
  bodyBase64: z.string(),
  signature: z.string().nullable()
})
export type DeliveryDetail = z.infer<typeof DeliveryDetail>

export const DeliveryFilter = z.object({
  status: DeliveryStatus.optional(),
  event: z.string().optional(),
  endpointId: z.string().optional(),
  q: z.string().optional(),
  /** Only deliveries older than this one (paging backwards, newest first), by id. */
  beforeId: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200)
})
export type DeliveryFilter = z.input<typeof DeliveryFilter>

// ---------------------------------------------------------------- settings

/** Most retries a schedule may list; beyond this a webhook would retry for days. */
export const MAX_RETRIES = 20
/** Longest single wait between two attempts: one day. */
export const MAX_RETRY_WAIT_MS = 24 * 60 * 60 * 1000

/**
 * What is wrong with a retry schedule a user sets, in words, or null: at most MAX_RETRIES
 * waits, each at most a day, never shrinking (each wait counts from the previous attempt).
 */
export function retrySchedulePolicyProblem(waits: readonly number[]): { index: number | null; message: string } | null {
  if (waits.length > MAX_RETRIES) return { index: null, message: `${waits.length} retries is too many: list at most ${MAX_RETRIES}` }
  for (let i = 0; i < waits.length; i++) {
    if (waits[i] > MAX_RETRY_WAIT_MS) return { index: i, message: `${waits[i]} ms is longer than a day: use at most ${MAX_RETRY_WAIT_MS}` }
    if (i > 0 && waits[i] < waits[i - 1]) return { index: i, message: `the waits must not shrink: ${waits[i]} ms comes after ${waits[i - 1]} ms` }
  }
  return null
}

/**
 * A retry schedule as a user may set it (the settings.update input): the limits the UI
 * applies, in the model, so the CLI and the HTTP API refuse what the UI refuses. Stored
 * schedules are read with the plainer Settings schema, so an older value never breaks a read.
 */
export const RetrySchedule = z.array(z.number().int().min(0)).superRefine((waits, ctx) => {
  const problem = retrySchedulePolicyProblem(waits)
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.index === null ? [] : [problem.index] })
})

export const Settings = z.object({
  theme: z.enum(['system', 'dark', 'light']).default('system'),
  notifications: z.boolean().default(true),
  /** Retry waits in milliseconds; each is counted from the previous attempt, so they add up. */
  retryScheduleMs: z.array(z.number().int().min(0)).default([5_000, 30_000, 120_000, 600_000]),
  /** Alert when an endpoint's success rate over `healthAlertWindow` falls below this percentage; 0 turns alerts off. */
  healthAlertThresholdPercent: z.number().min(0).max(100).default(90),
  healthAlertWindow: HealthWindow.default('1h'),
  /** Start the mock Smart KYC platform's API with the desktop app and `serve`. */
  platformAutoStart: z.boolean().default(false),
  /** The port the mock platform's API starts on from the app (0 picks a free one). */
  platformPort: z.number().int().min(0).max(65535).default(8787),
  /**
   * Captures to keep: the newest `keepLast`, and only those of the last `keepDays` days
   * (null: no limit; both null, the default, keeps everything). Enforced in the background.
   */
  retention: z
    .object({
      keepLast: z.number().int().min(1).nullable().default(null),
      keepDays: z.number().int().min(1).nullable().default(null)
    })
    .default({ keepLast: null, keepDays: null })
})
export type Settings = z.infer<typeof Settings>
