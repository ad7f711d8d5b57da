/**
 * The headers an edited replay starts from and sends. The user edits the captured headers;
 * the ones the engine sets itself (the signature, computed over the edited body, and the
 * connection-level ones) are left out of the editor so nobody edits a value that is replaced.
 */
import { isHttpToken } from '../../../../shared/http-rules'
import type { HeaderPair } from '../../../../shared/models'

const ENGINE_SET = new Set(['x-smartkyc-signature', 'host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect'])

/** The captured headers a user may edit, in their captured order. */
export function editableReplayHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => {
    const lower = name.toLowerCase()
    return !ENGINE_SET.has(lower) && !lower.startsWith('proxy-')
  })
}

/** The edited rows as header pairs, or the first problem in words (blank rows are dropped). */
export function replayHeadersFromRows(rows: readonly { name: string; value: string }[]): { headers: HeaderPair[]; error: string | null } {
  const headers: HeaderPair[] = []
  for (const row of rows) {
    const name = row.name.trim()
    if (!name && !row.value.trim()) continue
    if (!name) return { headers, error: `A header with value "${row.value.slice(0, 40)}" has no name: name it or remove the row` }
    if (!isHttpToken(name)) return { headers, error: `"${name}" is not a valid header name: use letters, digits and - (e.g. X-Tenant)` }
    headers.push([name, row.value])
  }
  return { headers, error: null }
}
