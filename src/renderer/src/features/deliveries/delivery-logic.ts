/**
 * Pure rules of the delivery log: filtering, merging live updates, and the debugging hint
 * for a failed attempt (the docs' "Debugging Failed Webhooks" section). No React, no store,
 * so they are unit-tested in Node.
 */
import type { Delivery, DeliveryFilter, DeliveryStatus } from '../../../../shared/models'

/** The filters the Deliveries toolbar edits. Empty means "any". */
export interface DeliveryFilters {
  status: '' | DeliveryStatus
  event: string
  endpointId: string
  q: string
}

export const EMPTY_DELIVERY_FILTERS: DeliveryFilters = { status: '', event: '', endpointId: '', q: '' }

/** How many deliveries one list call asks for. */
export const DELIVERY_PAGE = 2000

/** The contract filter for deliveries.list. */
export function toDeliveryFilter(f: DeliveryFilters): DeliveryFilter {
  const out: DeliveryFilter = { limit: DELIVERY_PAGE }
  if (f.status) out.status = f.status
  if (f.event) out.event = f.event
  if (f.endpointId) out.endpointId = f.endpointId
  const q = f.q.trim()
  if (q) out.q = q
  return out
}

/**
 * Whether a delivery belongs in the filtered list. Free text is matched client-side on
 * the fields the list shows (the server may search more, which only means a reload can
 * find extra rows, never that a shown row is wrong).
 */
export function matchesDeliveryFilters(d: Delivery, f: DeliveryFilters): boolean {
  if (f.status && d.status !== f.status) return false
  if (f.event && d.event !== f.event) return false
  if (f.endpointId && d.endpointId !== f.endpointId) return false
  const q = f.q.trim().toLowerCase()
  if (q) {
    const hay = [d.id, d.messageId, d.endpointName, d.url, d.event ?? '', d.lastResponse ?? '', d.lastError ?? '', String(d.lastResponseCode ?? '')]
      .join('\n')
      .toLowerCase()
    if (!hay.includes(q)) return false
  }
  return true
}

/** Newest first: by creation time, then id for a stable order. */
function newestFirst(a: Delivery, b: Delivery): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Merges live `delivery.updated` payloads into the list: updates replace rows in place,
 * new matching deliveries are added, rows that stop matching the filters drop out.
 * Returns the same array when nothing changed, so selectors do not re-render.
 */
export function mergeDeliveries(
  items: Delivery[],
  updates: Delivery[],
  filters: DeliveryFilters
): { items: Delivery[]; added: number; removed: number } {
  if (updates.length === 0) return { items, added: 0, removed: 0 }
  // The last update of a delivery in a batch is its newest state.
  const latest = new Map<string, Delivery>()
  for (const u of updates) latest.set(u.id, u)
  let removed = 0
  let replaced = false
  const next: Delivery[] = []
  for (const d of items) {
    const u = latest.get(d.id)
    if (!u) {
      next.push(d)
      continue
    }
    latest.delete(d.id)
    if (matchesDeliveryFilters(u, filters)) {
      next.push(u)
      replaced = true
    } else removed++
  }
  const fresh = [...latest.values()].filter((u) => matchesDeliveryFilters(u, filters))
  if (fresh.length === 0 && removed === 0 && !replaced) return { items, added: 0, removed: 0 }
  const merged = fresh.length > 0 ? [...fresh, ...next].sort(newestFirst) : next
  return { items: merged, added: fresh.length, removed }
}

/** The debugging hint for a failure, from the docs' "Debugging Failed Webhooks". */
export interface FailureHint {
  title: string
  steps: string[]
}

/** Picks the docs' advice for a response code or transport error; null when there is none. */
export function failureHint(code: number | null, error: string | null): FailureHint | null {
  const e = (error ?? '').toLowerCase()
  if (code === 401 || code === 403) {
    return {
      title: `${code} ${code === 401 ? 'Unauthorized' : 'Forbidden'}`,
      steps: ['Check API credentials', 'Verify signature calculation (HMAC-SHA256 of the raw body, lowercase hex)', 'Check authentication headers (Authorization, X-API-Key)']
    }
  }
  if (code === 404) {
    return {
      title: '404 Not Found',
      steps: ['Verify the webhook URL is correct', 'Check the endpoint is accessible', 'Ensure HTTPS is used']
    }
  }
  if (code !== null && code >= 500) {
    return {
      title: `${code} Server Error`,
      steps: ['Check server logs', 'Verify payload handling', 'Check for timeout issues']
    }
  }
  if (/timeout|timed out|etimedout|headers_timeout|body_timeout/.test(e)) {
    return {
      title: 'Timeout',
      steps: ['Increase the timeout on your server (and this endpoint\'s timeout)', 'Optimise endpoint processing', 'Consider async processing: acknowledge first, work later']
    }
  }
  if (/econnrefused|connection refused/.test(e)) {
    return {
      title: 'Connection refused',
      steps: ['Nothing listens at that host and port: start your server or fix the port', 'Check the endpoint is accessible from this machine']
    }
  }
  if (/enotfound|eai_again|getaddrinfo/.test(e)) {
    return { title: 'Host not found', steps: ['Verify the webhook URL is correct (the host name does not resolve)'] }
  }
  if (/cert|tls|ssl|self.signed|unable to verify|handshake/.test(e)) {
    return {
      title: 'TLS problem',
      steps: [
        'Ensure HTTPS is used with a certificate this machine trusts',
        'For a local server with a self-signed certificate, enable "Skip TLS verification" on the endpoint (development only)'
      ]
    }
  }
  if (/econnreset|socket hang up|other side closed|reset/.test(e)) {
    return { title: 'Connection reset', steps: ['Your server closed the connection before answering: check server logs', 'Check for timeout issues'] }
  }
  return null
}

/** CSS modifier for an HTTP status: 2xx ok, 3xx/4xx warn, 5xx bad. */
export function statusTone(code: number | null): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (code === null) return 'neutral'
  if (code >= 200 && code < 300) return 'ok'
  if (code >= 500) return 'bad'
  if (code >= 300) return 'warn'
  return 'neutral'
}

const STATUS_LABEL = {
  success: 'Success',
  error: 'Error',
  pending: 'Pending',
  paused: 'Paused',
  cancelled: 'Cancelled'
} as const satisfies Record<DeliveryStatus, string>

/**
 * Words for a delivery status: the docs' Success / Error / Pending, plus Paused (its endpoint
 * is Inactive: "webhooks are paused") and Cancelled (its endpoint was deleted).
 */
export function statusLabel(status: DeliveryStatus): (typeof STATUS_LABEL)[DeliveryStatus] {
  return STATUS_LABEL[status]
}

/** "in 12 s", "in 4 min 05 s", "due now": time until the next retry. */
export function formatCountdown(targetIso: string, nowMs: number): string {
  const target = Date.parse(targetIso)
  if (Number.isNaN(target)) return ''
  const s = Math.round((target - nowMs) / 1000)
  if (s <= 0) return 'due now'
  if (s < 60) return `in ${s} s`
  const m = Math.floor(s / 60)
  const rest = s % 60
  if (m < 60) return `in ${m} min ${String(rest).padStart(2, '0')} s`
  const h = Math.floor(m / 60)
  return `in ${h} h ${String(m % 60).padStart(2, '0')} min`
}

/** Decodes a base64 body to text for display (invalid UTF-8 becomes U+FFFD, never HTML). */
export function base64ToText(b64: string): string {
  try {
    const bin = atob(b64)
    const bytes = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  } catch {
    return ''
  }
}

/** Whether a text is JSON (to pick the editor language). */
export function looksLikeJson(text: string): boolean {
  const t = text.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return false
  try {
    JSON.parse(t)
    return true
  } catch {
    return false
  }
}
