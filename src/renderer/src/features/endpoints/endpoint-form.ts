/**
 * The endpoint form as plain data, and its validation: Smart KYC requires HTTPS, with one
 * explicit escape hatch (http:// to a localhost-style host for local development).
 * Pure, so the rules are unit-tested without a browser.
 */
import { isHttpToken, isLocalHost, reservedHeaderReason } from '../../../../shared/http-rules'
import type { Endpoint, EndpointInput, HeaderPair } from '../../../../shared/models'
import { pairRow, type PairRow } from '../../ui/pair-row'

/** A custom header being edited. */
export type HeaderRow = PairRow
/** A new header row with a unique key. */
export const headerRow = pairRow

export interface EndpointForm {
  name: string
  url: string
  active: boolean
  headers: HeaderRow[]
  /** Text, so the field can hold what the user is typing. */
  timeoutMs: string
  allowLocalHttp: boolean
  insecureTls: boolean
}

export type EndpointFormErrors = Partial<Record<'name' | 'url' | 'timeoutMs' | 'headers', string>>

export function emptyEndpointForm(): EndpointForm {
  return { name: '', url: 'https://', active: true, headers: [], timeoutMs: '10000', allowLocalHttp: false, insecureTls: false }
}

export function formFromEndpoint(e: Endpoint): EndpointForm {
  return {
    name: e.name,
    url: e.url,
    active: e.active,
    headers: e.headers.map(([n, v]) => headerRow(n, v)),
    timeoutMs: String(e.timeoutMs),
    allowLocalHttp: e.allowLocalHttp,
    insecureTls: e.insecureTls
  }
}

export { isLocalHost }

/**
 * Connection-level headers the HTTP client manages; the engine refuses them (and the rest
 * of its hop-by-hop list) on save. The reserved ones come from src/shared/http-rules.
 */
const CONNECTION_HEADERS = new Set(['host', 'transfer-encoding', 'connection'])

/** True for a header the Workbench sets on every delivery itself (the engine refuses it as a custom header). */
function setByWorkbench(name: string): boolean {
  return reservedHeaderReason(name) !== null || CONNECTION_HEADERS.has(name.toLowerCase())
}

/** Checks one URL against the HTTPS rule; returns the error sentence or null. */
export function urlError(url: string, allowLocalHttp: boolean): string | null {
  const trimmed = url.trim()
  if (!trimmed || trimmed === 'https://') return 'Enter the endpoint URL, e.g. https://example.com/webhooks/smart-kyc'
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    return `"${trimmed}" is not a URL: write it in full, e.g. https://example.com/webhooks`
  }
  if (parsed.protocol === 'https:') return null
  if (parsed.protocol !== 'http:') return `${parsed.protocol}// is not supported: webhook URLs use https://`
  if (!isLocalHost(parsed.hostname)) {
    return `Smart KYC requires HTTPS: ${parsed.hostname} is not a local host, so use https://`
  }
  if (!allowLocalHttp) {
    return 'Smart KYC requires HTTPS: use https://, or tick "Allow http:// for localhost" for a local development server'
  }
  return null
}

/** Validates the form; with no errors, also returns the contract input. */
export function validateEndpointForm(form: EndpointForm): { errors: EndpointFormErrors; input: EndpointInput | null } {
  const errors: EndpointFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = 'Give the endpoint a name, e.g. "Staging API"'
  else if (name.length > 200) errors.name = `The name is ${name.length} characters long: keep it to 200`

  const url = urlError(form.url, form.allowLocalHttp)
  if (url) errors.url = url

  const timeout = Number(form.timeoutMs.trim())
  if (!/^\d+$/.test(form.timeoutMs.trim()) || timeout < 100 || timeout > 600_000) {
    errors.timeoutMs = `Timeout "${form.timeoutMs}" must be a whole number of milliseconds between 100 and 600000`
  }

  const headers: HeaderPair[] = []
  for (const row of form.headers) {
    const n = row.name.trim()
    if (!n && !row.value) continue
    if (!n) {
      errors.headers = `A header with value "${row.value.slice(0, 40)}" has no name: name it or remove the row`
      break
    }
    if (!isHttpToken(n)) {
      errors.headers = `"${n}" is not a valid header name: use letters, digits and - (e.g. X-API-Key)`
      break
    }
    if (setByWorkbench(n)) {
      errors.headers = `${n} is set by the Workbench for every delivery: remove this row`
      break
    }
    if (/[\r\n\0]/.test(row.value)) {
      errors.headers = `The value of ${n} contains a line break: header values must be one line`
      break
    }
    headers.push([n, row.value])
  }

  if (Object.keys(errors).length > 0) return { errors, input: null }
  return {
    errors,
    input: {
      name,
      url: form.url.trim(),
      active: form.active,
      headers,
      timeoutMs: timeout,
      allowLocalHttp: form.allowLocalHttp,
      insecureTls: form.insecureTls
    }
  }
}
