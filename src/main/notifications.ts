/**
 * Desktop notifications for what needs a developer's attention while they are in their
 * editor: a webhook that arrived with an invalid signature, a delivery that failed, and an
 * endpoint whose success rate fell below the user's alert threshold (`health.alert`).
 * A burst becomes one summary, the `notifications` setting turns them off, and captured
 * text (hostile) is cleaned before it reaches the OS notification daemon.
 */
import type { ScreenName } from '../shared/bridge'
import type { BusLike } from './ipc'
import { messageOf } from '../shared/errors'

/** One thing worth telling the user about. */
export interface Alert {
  kind: 'invalid-signature' | 'delivery-error' | 'unhealthy-endpoint'
  /** A short, already-cleaned description. */
  text: string
}

/** What to show, and which screen a click opens. */
export interface NotificationSpec {
  title: string
  body: string
  screen: ScreenName
}

const MAX_TEXT = 120

/**
 * Makes captured text safe and short for a notification: no control characters, one line,
 * and, where the daemon reads markup (Linux), no tags or entities.
 */
export function cleanText(raw: unknown, escapeMarkup = process.platform === 'linux'): string {
  // eslint-disable-next-line no-control-regex
  let text = String(raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim()
  if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT - 1) + '…'
  if (escapeMarkup) text = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return text
}

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The alert a bus event raises, or null for the (many) events that raise none. */
export function alertFor(event: string, payload: unknown, escapeMarkup?: boolean): Alert | null {
  if (event === 'capture.received' && field(payload, 'signature') === 'invalid') {
    const what = field(payload, 'event') ?? 'a request'
    const text = cleanText(`${String(what)}: ${String(field(payload, 'method') ?? '')} ${String(field(payload, 'path') ?? '')}`, escapeMarkup)
    return { kind: 'invalid-signature', text }
  }
  if (event === 'delivery.updated' && field(payload, 'status') === 'error') {
    const code = field(payload, 'lastResponseCode')
    const why = typeof code === 'number' ? `HTTP ${code}` : (field(payload, 'lastError') ?? 'no response')
    const text = cleanText(`${String(field(payload, 'event') ?? 'webhook')} to ${String(field(payload, 'endpointName') ?? field(payload, 'url') ?? '')}: ${String(why)}`, escapeMarkup)
    return { kind: 'delivery-error', text }
  }
  // Only the fall below the threshold: a recovery clears the banner but needs no notification.
  if (event === 'health.alert' && field(payload, 'state') === 'below') {
    const rate = field(payload, 'successRate')
    const percent = typeof rate === 'number' ? `${Math.round(rate * 1000) / 10}%` : '?'
    const attempts = field(payload, 'attempts')
    const counted = typeof attempts === 'number' ? plural(attempts, 'attempt', 'attempts') : 'the attempts'
    const text = cleanText(
      `${String(field(payload, 'endpointName') ?? field(payload, 'url') ?? 'an endpoint')}: ${percent} of ${counted} ` +
        `succeeded in the last ${String(field(payload, 'window') ?? '?')} (threshold ${String(field(payload, 'thresholdPercent') ?? '?')}%)`,
      escapeMarkup
    )
    return { kind: 'unhealthy-endpoint', text }
  }
  return null
}

/** Alerts gathered for one notification: counts per kind and the first one's details. */
export interface AlertTally {
  first: Alert | null
  invalidSignatures: number
  failedDeliveries: number
  unhealthyEndpoints: number
}

export function emptyTally(): AlertTally {
  return { first: null, invalidSignatures: 0, failedDeliveries: 0, unhealthyEndpoints: 0 }
}

export function addAlert(tally: AlertTally, alert: Alert): void {
  tally.first ??= alert
  if (alert.kind === 'invalid-signature') tally.invalidSignatures++
  else if (alert.kind === 'unhealthy-endpoint') tally.unhealthyEndpoints++
  else tally.failedDeliveries++
}

const SINGLE: Record<Alert['kind'], { title: string; screen: ScreenName }> = {
  'invalid-signature': { title: 'Webhook with an invalid signature', screen: 'inbox' },
  'delivery-error': { title: 'Webhook delivery failed', screen: 'deliveries' },
  'unhealthy-endpoint': { title: 'Webhook success rate below your threshold', screen: 'endpoints' }
}

/** One notification for a group of alerts (a single alert keeps its details). */
export function summarize(tally: AlertTally): NotificationSpec | null {
  const { first, invalidSignatures: invalid, failedDeliveries: failed, unhealthyEndpoints: unhealthy } = tally
  if (!first) return null
  if (invalid + failed + unhealthy === 1) return { ...SINGLE[first.kind], body: first.text }
  const parts = []
  if (invalid > 0) parts.push(plural(invalid, 'invalid signature', 'invalid signatures'))
  if (failed > 0) parts.push(plural(failed, 'failed delivery', 'failed deliveries'))
  if (unhealthy > 0) parts.push(plural(unhealthy, 'endpoint below its success threshold', 'endpoints below their success threshold'))
  return {
    title:
      unhealthy === 0
        ? `${invalid + failed} webhooks need attention`
        : invalid + failed === 0
          ? `${unhealthy} endpoints need attention`
          : 'Webhooks need attention',
    body: parts.join(', '),
    screen: invalid > 0 ? 'inbox' : failed > 0 ? 'deliveries' : 'endpoints'
  }
}

export interface NotifierOptions {
  bus: BusLike
  /** Reads the `notifications` setting at the moment of showing, so turning it off applies at once. */
  isEnabled: () => boolean | Promise<boolean>
  /** Skip showing (e.g. the window is focused and the user sees the event live). */
  suppress?: () => boolean
  show: (spec: NotificationSpec) => void
  /** How long to gather alerts before the first notification of a burst. */
  gatherMs?: number
  /** The least time between two notifications; alerts in between are summed up into the next one. */
  minIntervalMs?: number
  now?: () => number
  escapeMarkup?: boolean
}

export const DEFAULT_GATHER_MS = 1_000
export const DEFAULT_MIN_INTERVAL_MS = 30_000

/** Listens to the bus and shows rate-limited notifications; returns the stop function. */
export function startNotifier(options: NotifierOptions): () => void {
  const gatherMs = options.gatherMs ?? DEFAULT_GATHER_MS
  const minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS
  const now = options.now ?? Date.now
  let pending = emptyTally()
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastShownAt = -Infinity
  let stopped = false

  async function flush(): Promise<void> {
    timer = null
    const spec = summarize(pending)
    pending = emptyTally()
    if (!spec || stopped) return
    let enabled = false
    try {
      enabled = await options.isEnabled()
    } catch (err) {
      // Settings unreadable (database closing): stay quiet rather than guess.
      console.warn(`workbench: notifications skipped, settings unreadable: ${messageOf(err)}`)
    }
    if (!enabled || stopped || options.suppress?.()) return
    lastShownAt = now()
    try {
      options.show(spec)
    } catch (err) {
      console.warn(`workbench: could not show a notification: ${messageOf(err)}`)
    }
  }

  const unsubscribe = options.bus.onAny((event, payload) => {
    const alert = alertFor(event, payload, options.escapeMarkup)
    if (!alert || stopped) return
    addAlert(pending, alert)
    if (!timer) {
      const wait = Math.max(gatherMs, lastShownAt + minIntervalMs - now())
      timer = setTimeout(() => void flush(), wait)
    }
  })

  return () => {
    stopped = true
    unsubscribe()
    if (timer) clearTimeout(timer)
    timer = null
    pending = emptyTally()
  }
}
