/**
 * `--set path=value` edits for `send`: a dot path into the payload (`data.status=approved`,
 * `data.responses.firstName=Ada`, `items.0.id=x`) and a value that is JSON when it parses
 * as JSON (`0.5`, `true`, `{"a":1}`, `"123"`) and a plain string otherwise.
 */
import { badInput } from '../shared/errors'

/** One parsed `--set`. */
export interface SetEdit {
  raw: string
  path: string[]
  value: unknown
}

// Writing through these would reach Object.prototype, not the payload.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/** Parses `path=value`; the path is split on dots. */
export function parseSet(raw: string): SetEdit {
  const eq = raw.indexOf('=')
  if (eq <= 0) throw badInput(`--set ${JSON.stringify(raw)} is not path=value: write it like --set data.status=approved`)
  const path = raw.slice(0, eq).split('.')
  if (path.some((p) => p === '')) {
    throw badInput(`--set ${JSON.stringify(raw)} has an empty part in its path: write it like data.responses.firstName=Ada`)
  }
  const bad = path.find((p) => FORBIDDEN.has(p))
  if (bad) throw badInput(`--set ${JSON.stringify(raw)} uses ${JSON.stringify(bad)} in its path, which is not allowed: choose a different field name`)
  const text = raw.slice(eq + 1)
  let value: unknown = text
  try {
    value = JSON.parse(text)
  } catch {
    // Not JSON: the text itself is the value (the common case, e.g. status=approved).
  }
  return { raw, path, value }
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** Applies the edits to a parsed payload in place, creating missing objects along the paths. */
export function applySets(payload: unknown, edits: readonly SetEdit[]): void {
  if (!isContainer(payload)) {
    throw badInput(`--set needs a JSON object or array to edit, but the payload is ${kindOf(payload)}: use --data with an object`)
  }
  for (const edit of edits) {
    let node: Record<string, unknown> | unknown[] = payload
    edit.path.forEach((key, index) => {
      const last = index === edit.path.length - 1
      const where = edit.path.slice(0, index).join('.') || 'the payload'
      if (Array.isArray(node) && !/^\d+$/.test(key)) {
        throw badInput(`--set ${JSON.stringify(edit.raw)}: ${where} is an array, so ${JSON.stringify(key)} must be an index like 0`)
      }
      const container = node as Record<string, unknown>
      if (last) {
        container[key] = edit.value
        return
      }
      const next = Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined
      if (next === undefined) {
        container[key] = {}
      } else if (!isContainer(next)) {
        const at = edit.path.slice(0, index + 1).join('.')
        throw badInput(`--set ${JSON.stringify(edit.raw)}: ${at} is ${kindOf(next)}, not an object, so it has no fields to set`)
      }
      node = container[key] as Record<string, unknown> | unknown[]
    })
  }
}
