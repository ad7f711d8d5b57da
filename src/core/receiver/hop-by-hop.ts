/**
 * Which headers belong to one connection and must not be relayed by a proxy
 * (RFC 9110 §7.6.1), plus those our HTTP client manages itself.
 */
import { isHopByHop } from '../../shared/hop-by-hop'
import type { HeaderPair } from '../../shared/models'

/** The pairs a proxy may pass on: hop-by-hop ones dropped, including those named in Connection. */
export function endToEndHeaders(headers: HeaderPair[]): HeaderPair[] {
  const named = new Set<string>()
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'connection') continue
    for (const token of value.split(',')) named.add(token.trim().toLowerCase())
  }
  return headers.filter(([name]) => {
    const lower = name.toLowerCase()
    return !isHopByHop(lower) && !named.has(lower)
  })
}

/** Flat `[name, value, name, value, ...]` pairs from Node's rawHeaders (order, case and duplicates kept). */
export function pairsFromRaw(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]])
  return pairs
}
