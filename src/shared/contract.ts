/**
 * The one contract between the engine and every UI transport (Electron IPC, HTTP +
 * WebSocket). Each method names its zod input and output; each pushed event names its
 * payload. The dispatcher (src/shared/dispatcher.ts) validates against this, the
 * renderer's typed client is derived from it, and the Workbench implements it.
 * Method names are `namespace.verb`: the namespace is the Workbench service.
 */
import { z } from 'zod'
import {
  Capture,
  CaptureFilter,
  CaptureSummary,
  Credentials,
  Delivery,
  DeliveryDetail,
  DeliveryFilter,
  Endpoint,
  EndpointInput,
  EventName,
  HeaderPair,
  Listener,
  ListenerInput,
  RetrySchedule,
  ListenerState,
  Attempt,
  Settings,
  SignatureVerdict,
  SchemaVerdict
} from './models'
import { HealthAlert, HealthReport, HealthWindow } from './health-models'
import {
  AmlMatch,
  ApiRequestLog,
  CreateInvitationBody,
  Invitation,
  PatchSubmissionBody,
  PlatformOptions,
  PlatformStatus,
  Submission
} from './platform-models'
import { AuditProgress, AuditReport, AuditRequest, AuditRunSummary } from './audit-models'
import { RunOptions, ScenarioInfo, ScenarioProblem, ScenarioRun, ScenarioTimeline } from './scenario-models'

const Empty = z.object({}).default({})
const Id = z.object({ id: z.string().min(1) })
const Ok = z.object({ ok: z.literal(true) })
const CurlInput = Id.extend({ includeSecrets: z.boolean().default(false) })

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

type PatchShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T> ? T : S[K]>
}

/**
 * A patch of `schema`: every field optional. Unlike zod 4's `.partial()`, which still fills
 * in `.default()`s, an absent field stays absent, so an update changes only what it names.
 */
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)
    shape[key] = inner.optional()
  }
  return z.object(shape) as unknown as z.ZodObject<PatchShape<S>>
}

export const EventInfo = z.object({
  name: EventName,
  group: z.enum(['submission', 'invitation', 'aml']),
  description: z.string(),
  /** True when the docs show this event's data fields; false when we modelled them (inferred). */
  documented: z.boolean()
})

export const SendResult = z.object({
  messageId: z.string(),
  signature: z.string(),
  /** One per target, after its first attempt finished (later retries arrive as events). */
  deliveries: z.array(Delivery)
})

/** A one-off target that is not a saved endpoint (CLI `send --to`, replay). */
export const AdHocTarget = z.object({
  url: z.string().min(1),
  headers: z.array(HeaderPair).default([]),
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  allowLocalHttp: z.boolean().default(true),
  insecureTls: z.boolean().default(false),
  /** Extra CA certificate (PEM file path) to trust for this target. */
  caFile: z.string().optional()
})
export type AdHocTarget = z.input<typeof AdHocTarget>

export const ReplayMode = z.enum(['as-is', 'resign', 'edited'])

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  dbFile: z.string(),
  caCertPath: z.string(),
  transport: z.enum(['ipc', 'web'])
})

const ExportFormat = z.enum(['har', 'ndjson'])

export const ExportRequest = z.object({
  format: ExportFormat,
  ids: z.array(z.string()).optional(),
  captures: CaptureFilter.omit({ beforeSeq: true, limit: true }).optional(),
  deliveries: DeliveryFilter.omit({ beforeId: true, limit: true }).optional(),
  includeSecrets: z.boolean().default(false),
  redact: z.enum(['pii']).optional(),
  /** `next` from the previous page; absent for the first. */
  cursor: z.string().optional(),
  pageSize: z.number().int().min(1).max(2_000).default(500)
})
export type ExportRequest = z.input<typeof ExportRequest>

export const ExportPage = z.object({
  filename: z.string(),
  content: z.string(),
  /** Rows (captures or deliveries) in this page. */
  rows: z.number().int(),
  /** Rows exported so far, this page included. */
  done: z.number().int(),
  /** Rows the export will hold (as counted when this page was made). */
  total: z.number().int(),
  next: z.string().nullable()
})
export type ExportPage = z.infer<typeof ExportPage>

export const methods = {
  'app.info': method(Empty, AppInfo),

  'catalog.list': method(Empty, z.array(EventInfo)),
  'catalog.template': method(z.object({ event: EventName }), z.object({ body: z.string() })),
  'catalog.schema': method(z.object({ event: EventName }), z.object({ schema: z.record(z.string(), z.unknown()) })),
  'catalog.validate': method(z.object({ body: z.string() }), SchemaVerdict),

  'signing.sign': method(z.object({ body: z.string(), secret: z.string().min(1) }), z.object({ signature: z.string() })),
  /**
   * The signature the Workbench would send for `body`, keyed with its current API secret
   * (which never leaves the engine); null while no credentials exist. Feeds the composer's
   * live X-SmartKYC-Signature preview.
   */
  'signing.signWithStored': method(z.object({ body: z.string() }), z.object({ signature: z.string().nullable() })),
  /** Verify a pasted body + header. `useStored` adds the Workbench's current and in-grace secrets. */
  'signing.verify': method(
    z.object({
      body: z.string(),
      signature: z.string(),
      secrets: z.array(z.string()).default([]),
      useStored: z.boolean().default(true)
    }),
    SignatureVerdict
  ),

  'credentials.get': method(Empty, Credentials.nullable()),
  'credentials.create': method(Empty, Credentials),
  'credentials.rotate': method(
    z.object({
      graceHours: z.number().min(0).max(24 * 30).default(24),
      /** Also replace the API key (the docs: "rotate your API key"); the old key keeps working for the grace period. */
      newApiKey: z.boolean().optional()
    }),
    Credentials
  ),

  'listeners.list': method(Empty, z.array(Listener)),
  'listeners.create': method(ListenerInput, Listener),
  'listeners.update': method(z.object({ id: z.string(), patch: patchOf(ListenerInput) }), Listener),
  'listeners.remove': method(Id, Ok),
  'listeners.start': method(Id, ListenerState),
  /** The listener's extra secrets in clear (list and update show them masked): for an explicit Reveal or Copy. */
  'listeners.revealSecrets': method(Id, z.object({ secrets: z.array(z.string()) })),
  'listeners.stop': method(Id, ListenerState),
  /** A port a new listener can use: `preferred` or the next one free on `host` and unused by saved listeners. */
  'listeners.suggestPort': method(
    z.object({ host: z.string().min(1).default('127.0.0.1'), preferred: z.number().int().min(1).max(65535).default(8443) }).default({
      host: '127.0.0.1',
      preferred: 8443
    }),
    z.object({ port: z.number().int().min(1).max(65535) })
  ),

  'captures.list': method(
    CaptureFilter,
    // totalCapped: there are more than `total` matches (counting stops there, issue 10).
    z.object({ items: z.array(CaptureSummary), total: z.number().int(), totalCapped: z.boolean().optional() })
  ),
  'captures.get': method(Id, Capture),
  'captures.delete': method(z.object({ ids: z.array(z.string()).min(1) }), z.object({ deleted: z.number().int() })),
  'captures.clear': method(z.object({ listenerId: z.string().optional() }).default({}), z.object({ deleted: z.number().int() })),
  /** Secret header values are masked unless `includeSecrets`; an HTTPS listener's command trusts the local CA (--cacert). */
  'captures.curl': method(CurlInput, z.object({ command: z.string() })),

  'replay.capture': method(
    z.object({
      id: z.string(),
      url: z.string().min(1),
      mode: ReplayMode.default('as-is'),
      /** For `resign` and `edited`: the secret to sign with; defaults to the Workbench's API secret. */
      secret: z.string().optional(),
      /** For `edited`: the new body text. */
      body: z.string().optional(),
      /**
       * For `edited`: the request headers to send instead of the captured ones (the
       * signature header is still computed; connection-level headers are dropped).
       */
      headers: z.array(HeaderPair).optional(),
      insecureTls: z.boolean().default(false)
    }),
    SendResult
  ),

  'endpoints.list': method(Empty, z.array(Endpoint)),
  'endpoints.create': method(EndpointInput, Endpoint),
  'endpoints.update': method(z.object({ id: z.string(), patch: patchOf(EndpointInput) }), Endpoint),
  'endpoints.remove': method(Id, Ok),
  /** Per saved endpoint over the window: success rate, attempts, p50/p95 latency, last error, a series for the chart. */
  'endpoints.health': method(z.object({ window: HealthWindow.default('1h') }).default({ window: '1h' }), HealthReport),
  /** The custom headers in clear (endpoints.list masks Authorization, X-API-Key…): an explicit Reveal. */
  'endpoints.revealHeaders': method(Id, z.object({ headers: z.array(HeaderPair) })),

  /**
   * Sign `body` (exact bytes of the UTF-8 text) and deliver it: to the named endpoints, or to
   * ad-hoc `to` targets, or, when neither is given, to every active endpoint.
   */
  'send.event': method(
    z.object({
      event: EventName,
      body: z.string(),
      endpointIds: z.array(z.string()).optional(),
      to: z.array(AdHocTarget).optional(),
      /** Sign with this secret instead of the Workbench's API secret. */
      secret: z.string().min(1).optional(),
      origin: z.enum(['compose', 'test', 'cli']).default('compose')
    }),
    SendResult
  ),

  'deliveries.list': method(DeliveryFilter, z.object({ items: z.array(Delivery), total: z.number().int() })),
  'deliveries.get': method(Id, DeliveryDetail),
  'deliveries.retryNow': method(Id, Delivery),
  'deliveries.resend': method(Id, SendResult),
  /** A curl command line that sends the delivery's request again: same bytes, same headers. */
  'deliveries.curl': method(CurlInput, z.object({ command: z.string() })),

  /**
   * One page of an export, so that no side holds every row: call again with `next` until it
   * is null and concatenate the `content`s. The rows are the named `ids`, or every capture
   * matching `captures`, or every delivery matching `deliveries` (all captures when none is
   * given), newest first. Secret header values are masked unless `includeSecrets`;
   * `redact: 'pii'` removes KYC personal data from the request bodies.
   */
  'exchange.export': method(ExportRequest, ExportPage),
  'exchange.importHar': method(z.object({ content: z.string() }), z.object({ imported: z.number().int() })),

  'tls.ca': method(Empty, z.object({ path: z.string(), pem: z.string(), fingerprint256: z.string() })),

  'settings.get': method(Empty, Settings),
  'settings.update': method(patchOf(Settings).extend({ retryScheduleMs: RetrySchedule.optional() }), Settings),

  // The mock Smart KYC platform (src/core/platform): its API server, and the same operations
  // its REST API offers, for the Platform screen.
  'platform.status': method(Empty, PlatformStatus),
  'platform.start': method(PlatformOptions.default({ port: 8787, host: '127.0.0.1', rate: 100, burst: 200 }), PlatformStatus),
  'platform.stop': method(Empty, PlatformStatus),
  /** The API's request log, newest first. */
  'platform.requests': method(z.object({ limit: z.number().int().min(1).max(5_000).default(200) }).default({ limit: 200 }), z.array(ApiRequestLog)),
  'platform.invitations': method(z.object({ limit: z.number().int().min(1).max(1_000).default(100) }).default({ limit: 100 }), z.array(Invitation)),
  'platform.submissions': method(z.object({ limit: z.number().int().min(1).max(1_000).default(100) }).default({ limit: 100 }), z.array(Submission)),
  'platform.createInvitation': method(CreateInvitationBody, Invitation),
  'platform.cancelInvitation': method(z.object({ id: z.string().min(1), reason: z.string().max(500).optional() }), Invitation),
  /** The customer completes the invitation (simulated); `aml: "match"` makes the screening find a hit. */
  'platform.complete': method(
    z.object({
      id: z.string().min(1),
      aml: z.enum(['clear', 'match']).default('clear'),
      responses: z.record(z.string(), z.unknown()).optional()
    }),
    Submission
  ),
  'platform.dismissMatch': method(z.object({ id: z.string().min(1), reason: z.string().max(500).optional() }), AmlMatch),
  'platform.updateSubmission': method(z.object({ id: z.string().min(1), patch: PatchSubmissionBody }), Submission),
  /** Grade a webhook handler against the docs' rules (long call: progress arrives as `audit.progress`). */
  'audit.run': method(AuditRequest, AuditReport),
  /** Past runs, newest first, without their checks. */
  'audit.list': method(z.object({ limit: z.number().int().min(1).max(1_000).default(50) }).default({ limit: 50 }), z.array(AuditRunSummary)),
  'audit.get': method(Id, AuditReport),
  /** "Compact database": VACUUM with the search index merged; sizes of file + WAL before and after. */
  'settings.compactDatabase': method(Empty, z.object({ beforeBytes: z.number(), afterBytes: z.number() })),

  // Scenarios (src/core/scenarios): named sequences of the platform's operations, run with chaos.
  'scenarios.list': method(Empty, z.object({ scenarios: z.array(ScenarioInfo), problems: z.array(ScenarioProblem) })),
  'scenarios.get': method(z.object({ name: z.string().min(1) }), ScenarioInfo),
  /** Starts a run and answers at once; progress arrives as scenario.progress events. */
  'scenarios.run': method(z.object({ name: z.string().min(1), options: RunOptions.default({ speed: 1, duplicates: 0, shuffle: false, jitterMs: 0, drop: 0 }) }), ScenarioRun),
  'scenarios.runs': method(z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }), z.array(ScenarioRun)),
  'scenarios.timeline': method(Id, ScenarioTimeline)
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>

/** Events the engine pushes to every connected UI. */
export const events = {
  'capture.received': CaptureSummary,
  /** A capture changed after it was received: its forward finished (forward result, and the reply it produced). */
  'capture.updated': CaptureSummary,
  'captures.deleted': z.object({ ids: z.array(z.string()), all: z.boolean() }),
  'delivery.updated': Delivery,
  'attempt.finished': Attempt,
  'listener.state': ListenerState,
  'listeners.changed': z.object({}),
  'endpoints.changed': z.object({}),
  'credentials.changed': z.object({}),
  'settings.changed': Settings,
  /** An endpoint's success rate crossed the alert threshold (once per crossing). */
  'health.alert': HealthAlert,
  /** One answered request of the mock platform's API (its request log, live). */
  'platform.request': ApiRequestLog,
  /** Invitations or submissions changed: read them again. */
  'platform.changed': z.object({}),
  'platform.state': PlatformStatus,
  'audit.progress': AuditProgress,
  /** A scenario run moved on (a step ran, a delivery finished, the run ended). */
  'scenario.progress': ScenarioRun
} as const

export type Events = typeof events
export type EventKey = keyof Events
export type EventPayload<E extends EventKey> = z.output<Events[E]>

/** Errors cross the boundary as plain data; `code` is stable, `message` is for people. */
export const WireError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional()
})
export type WireError = z.infer<typeof WireError>

export { HeaderPair }
