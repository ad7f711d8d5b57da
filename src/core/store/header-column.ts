/**
 * Header lists are stored as a JSON column of [name, value] pairs (endpoints, captures,
 * attempts). One reader for all of them, so a damaged cell is handled the same everywhere.
 */
import type { HeaderPair } from '../../shared/models'
import { readJsonColumn } from './json-column'

/** Header pairs from their JSON column; a damaged cell or anything that is not a [string, string] is dropped, never thrown. */
export function parseHeaders(json: string): HeaderPair[] {
  const value = readJsonColumn(json)
  if (!Array.isArray(value)) return []
  return value.filter(
    (p): p is HeaderPair => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string'
  )
}
