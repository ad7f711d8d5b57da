/**
 * One editable name/value row (a header), with a stable key for React lists: rows can be
 * removed from the middle, so the index is no key.
 */
export interface PairRow {
  key: number
  name: string
  value: string
}

let rowKey = 0
/** A new row with a unique key. */
export function pairRow(name = '', value = ''): PairRow {
  return { key: ++rowKey, name, value }
}
