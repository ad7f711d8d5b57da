/**
 * Headers whose values are credentials (Authorization, X-API-Key, Cookie…): shown masked
 * wherever the Workbench shows them (endpoint lists, exports, curl, the Inbox detail) and
 * in clear only on an explicit action. The masked value is plain ASCII and says only the
 * length. Sent back in `endpoints.update`, a masked value means "keep the stored value", so
 * a form can edit an endpoint without ever holding its secrets.
 * X-SmartKYC-Signature is not a secret (a digest of the body) and is never masked.
 */
import type { HeaderPair } from './models'

/** Headers whose values are credentials. Compared lower-case. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie'])

export const isSecretHeader = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase())

/** The stand-in for a secret header value: the length only, not one character of the value. */
export function maskedHeaderValue(value: string): string {
  return `[masked: ${value.length} characters]`
}

const MASKED = /^\[masked: \d+ characters\]$/

/** True when `value` is a masked stand-in rather than a header value. */
export const isMaskedHeaderValue = (value: string): boolean => MASKED.test(value)

/** The pairs with secret values masked, and the names of the headers that were. */
export function maskSecretHeaders(pairs: HeaderPair[]): { headers: HeaderPair[]; masked: string[] } {
  const masked: string[] = []
  const headers = pairs.map(([name, value]): HeaderPair => {
    if (!isSecretHeader(name) || value === '') return [name, value]
    masked.push(name)
    return [name, maskedHeaderValue(value)]
  })
  return { headers, masked }
}

/**
 * Resolves masked stand-ins in `next` to the stored values they stand for: the n-th
 * header of a name in `next` stands for the n-th stored header of that name. A stand-in
 * that matches no stored value (the endpoint changed meanwhile) is returned as `unknown`.
 */
export function resolveMaskedHeaders(next: HeaderPair[], stored: HeaderPair[]): { headers: HeaderPair[]; unknown: string | null } {
  const seen = new Map<string, number>()
  const headers: HeaderPair[] = []
  for (const [name, value] of next) {
    const key = name.toLowerCase()
    const nth = seen.get(key) ?? 0
    seen.set(key, nth + 1)
    if (!isMaskedHeaderValue(value)) {
      headers.push([name, value])
      continue
    }
    const original = stored.filter(([n]) => n.toLowerCase() === key)[nth]
    if (!original || maskedHeaderValue(original[1]) !== value) return { headers: [], unknown: name }
    headers.push([name, original[1]])
  }
  return { headers, unknown: null }
}
