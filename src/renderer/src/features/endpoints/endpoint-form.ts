/**
 * The endpoint form as plain data, and its validation with the engine's schema: Smart KYC
 * requires HTTPS, with one explicit escape hatch (http:// to a localhost-style host for
 * local development). Pure, so the rules are unit-tested without a browser.
 */
import { CheckedEndpointInput } from '../../../../shared/endpoint-rules'
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

/** The field a schema issue belongs beside, from its path (`headers.2` -> the headers editor). */
function fieldOf(path: readonly PropertyKey[]): keyof EndpointFormErrors | null {
  const key = path[0]
  return key === 'name' || key === 'url' || key === 'timeoutMs' || key === 'headers' ? key : null
}

/**
 * Validates the form with the engine's own schema (CheckedEndpointInput), so the form
 * refuses what the engine refuses, in its words, each beside its field. Only reading the
 * text the user typed (a timeout that is not a number) is the form's own. With no errors,
 * also returns the contract input.
 */
export function validateEndpointForm(form: EndpointForm): { errors: EndpointFormErrors; input: EndpointInput | null } {
  const errors: EndpointFormErrors = {}
  const timeoutText = form.timeoutMs.trim()
  const timeout = /^\d+$/.test(timeoutText) ? Number(timeoutText) : null
  if (timeout === null) errors.timeoutMs = `timeout ${JSON.stringify(form.timeoutMs)} is not a whole number of milliseconds: use e.g. 10000`
  const input = {
    name: form.name.trim(),
    url: form.url.trim(),
    active: form.active,
    // A row left wholly empty is not a header; any other row is checked as the engine would.
    headers: form.headers.filter((row) => row.name.trim() || row.value).map((row): HeaderPair => [row.name.trim(), row.value]),
    timeoutMs: timeout ?? 10_000,
    allowLocalHttp: form.allowLocalHttp,
    insecureTls: form.insecureTls
  }
  const checked = CheckedEndpointInput.safeParse(input)
  for (const issue of checked.success ? [] : checked.error.issues) {
    const field = fieldOf(issue.path)
    // The first issue per field, as the engine reports the first one.
    if (field && !errors[field]) errors[field] = issue.message
  }
  return Object.keys(errors).length > 0 ? { errors, input: null } : { errors, input }
}
