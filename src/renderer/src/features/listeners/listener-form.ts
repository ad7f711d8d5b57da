/**
 * The listener form as plain data (numbers as the text being typed) and its validation,
 * turning it into a ListenerInput. Pure, so the rules are unit-tested without a browser.
 */
import { ReplyHeaders, type HeaderPair, type Listener, type ListenerInput, type ResponseMode } from '../../../../shared/models'
import { pairRow, type PairRow } from '../../ui/pair-row'

export { pairRow, type PairRow }

export interface ListenerForm {
  name: string
  host: string
  port: string
  protocol: 'https' | 'http'
  secrets: string[]
  useApiSecret: boolean
  status: string
  delayMs: string
  failFirst: string
  /** Percent 0..100 (the contract holds a 0..1 probability). */
  failureRatePercent: string
  failureStatus: string
  mode: ResponseMode
  headers: PairRow[]
  body: string
  forwardTo: string
  /** MiB, the unit people think in for request bodies. */
  bodyLimitMiB: string
  autoStart: boolean
}

export type ListenerFormErrors = Partial<Record<keyof ListenerForm, string>>


const MIB = 1024 * 1024

export function emptyListenerForm(): ListenerForm {
  return {
    name: 'Local listener',
    host: '127.0.0.1',
    port: '8443',
    protocol: 'https',
    secrets: [],
    useApiSecret: true,
    status: '200',
    delayMs: '0',
    failFirst: '0',
    failureRatePercent: '0',
    failureStatus: '500',
    mode: 'reply',
    headers: [pairRow('Content-Type', 'application/json')],
    body: '{"received":true}',
    forwardTo: '',
    bodyLimitMiB: '10',
    autoStart: false
  }
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

export function formFromListener(l: Listener): ListenerForm {
  return {
    name: l.name,
    host: l.host,
    port: String(l.port),
    protocol: l.protocol,
    secrets: [...l.secrets],
    useApiSecret: l.useApiSecret,
    status: String(l.rule.status),
    delayMs: String(l.rule.delayMs),
    failFirst: String(l.rule.failFirst),
    failureRatePercent: trimNumber(l.rule.failureRate * 100),
    failureStatus: String(l.rule.failureStatus),
    mode: l.rule.mode,
    headers: l.rule.headers.map(([n, v]) => pairRow(n, v)),
    body: l.rule.body,
    forwardTo: l.forwardTo ?? '',
    bodyLimitMiB: trimNumber(l.bodyLimitBytes / MIB),
    autoStart: l.autoStart
  }
}

function intIn(text: string, min: number, max: number): number | null {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return null
  const n = Number(t)
  return n >= min && n <= max ? n : null
}

function numberIn(text: string, min: number, max: number): number | null {
  const t = text.trim()
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  const n = Number(t)
  return n >= min && n <= max ? n : null
}

/** Masks a secret for display: its length is kept vague, the last 4 characters show. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '••••' : `••••••••${secret.slice(-4)}`
}

/**
 * Validates the form. Returns the ListenerInput to send, or the errors per field with
 * messages that name the value and what to do.
 */
export function validateListenerForm(f: ListenerForm): { input: ListenerInput; errors: null } | { input: null; errors: ListenerFormErrors } {
  const errors: ListenerFormErrors = {}
  const name = f.name.trim()
  if (!name) errors.name = 'Give the listener a name'
  else if (name.length > 100) errors.name = 'Use at most 100 characters'
  const host = f.host.trim()
  if (!host) errors.host = 'Enter a host to bind, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)'
  else if (/[\s/]/.test(host)) errors.host = `"${host}" is not a host name or IP address`
  const port = intIn(f.port, 0, 65535)
  if (port === null) errors.port = `"${f.port}" is not a port: use 1-65535 (0 picks a free one)`
  const status = intIn(f.status, 100, 599)
  if (status === null) errors.status = `"${f.status}" is not an HTTP status: use 100-599`
  const delayMs = intIn(f.delayMs, 0, 600_000)
  if (delayMs === null) errors.delayMs = 'Use a whole number of milliseconds from 0 to 600000'
  const failFirst = intIn(f.failFirst, 0, 1000)
  if (failFirst === null) errors.failFirst = 'Use a whole number from 0 to 1000'
  const ratePercent = numberIn(f.failureRatePercent, 0, 100)
  if (ratePercent === null) errors.failureRatePercent = 'Use a percentage from 0 to 100'
  const failureStatus = intIn(f.failureStatus, 100, 599)
  if (failureStatus === null) errors.failureStatus = `"${f.failureStatus}" is not an HTTP status: use 100-599`
  const limitMiB = numberIn(f.bodyLimitMiB, 0.001, 1024)
  if (limitMiB === null) errors.bodyLimitMiB = 'Use a size from 0.001 to 1024 MiB'
  // A row left wholly empty is not a header; the rest are checked by the engine's own rule.
  const headers = f.headers.filter((row) => row.name.trim() || row.value).map((row): HeaderPair => [row.name.trim(), row.value])
  const checkedHeaders = ReplyHeaders.safeParse(headers)
  if (!checkedHeaders.success) errors.headers = checkedHeaders.error.issues[0].message
  const forwardTo = f.forwardTo.trim()
  if (forwardTo) {
    try {
      const u = new URL(forwardTo)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme')
    } catch {
      errors.forwardTo = `"${forwardTo}" is not an http:// or https:// URL`
    }
  }
  const secrets = f.secrets.map((s) => s.trim()).filter(Boolean)

  if (Object.keys(errors).length > 0) return { input: null, errors }
  return {
    input: {
      name,
      host,
      port: port!,
      protocol: f.protocol,
      secrets,
      useApiSecret: f.useApiSecret,
      rule: {
        status: status!,
        headers,
        body: f.body,
        delayMs: delayMs!,
        failFirst: failFirst!,
        failureRate: ratePercent! / 100,
        failureStatus: failureStatus!,
        mode: f.mode
      },
      forwardTo: forwardTo || null,
      bodyLimitBytes: Math.max(1, Math.round(limitMiB! * MIB)),
      autoStart: f.autoStart
    },
    errors: null
  }
}
