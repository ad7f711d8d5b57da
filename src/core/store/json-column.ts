/**
 * JSON columns (listener rules and secrets, header lists, settings) are read through this:
 * a damaged cell (a crash mid-write by an old version, a hand edit) reads as `undefined`,
 * so each caller falls back to its default instead of failing the whole list.
 */

/** The parsed cell, or `undefined` when it is not JSON. */
export function readJsonColumn(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
