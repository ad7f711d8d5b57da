/**
 * Validates a webhook body against its event's JSON Schema. Captured bodies are hostile, so
 * this never throws: any input yields a verdict (not-json, unknown-event, valid, invalid).
 */
// `.js` spelled out: ajv has no exports map, and native ESM (the Electron main bundle keeps
// dependencies external) does not guess extensions.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { EVENT_NAMES, type EventName, type SchemaError, type SchemaVerdict } from '../../shared/models'
import { isEventName, SCHEMAS } from './events'
import { UTC_PATTERN } from './shared-fields'
import { messageOf } from '../../shared/errors'

const utf8 = new TextDecoder('utf-8', { fatal: true })

let ajv: Ajv2020 | null = null
const validators = new Map<EventName, ValidateFunction>()

/**
 * Compiled on first use of each event, then cached for the life of the process: compiling
 * costs milliseconds, validating microseconds, and most sessions see a few events only.
 */
function validatorFor(event: EventName): ValidateFunction {
  let validate = validators.get(event)
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: true })
      addFormats(ajv, ['date-time', 'email'])
    }
    validate = ajv.compile(SCHEMAS[event])
    validators.set(event, validate)
  }
  return validate
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string }

/** JSON.parse over the exact bytes; only a leading UTF-8 BOM is forgiven. */
function parse(body: Uint8Array | string): Parsed {
  let text: string
  try {
    // TextDecoder drops a leading BOM by default; invalid UTF-8 is not JSON (RFC 8259 §8.1).
    text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : utf8.decode(body)
  } catch {
    return { ok: false, reason: 'is not valid UTF-8 text' }
  }
  if (text.trim() === '') return { ok: false, reason: 'is empty' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, reason: `is not JSON (${messageOf(err)})` }
  }
}

/** Ajv's words, with the two patterns we use said in plain language. */
function describe(e: ErrorObject): string {
  const pattern = e.keyword === 'pattern' ? String(e.params.pattern) : null
  if (pattern === UTC_PATTERN) return 'must be in UTC, ending in "Z" (e.g. "2024-01-15T10:30:00Z")'
  if (pattern?.startsWith('^')) return `must start with "${pattern.slice(1)}"`
  if (e.keyword === 'const') return `must be ${JSON.stringify(e.params.allowedValue)}`
  return e.message ?? 'is invalid'
}

// The message never repeats the path: every view prints the path (or "the body") in front
// of it, see schemaErrorText.
function toError(e: ErrorObject): SchemaError {
  return { path: e.instancePath, message: describe(e), keyword: e.keyword }
}

/**
 * The schema verdict for a body: `not-json` when it does not parse, `unknown-event` when
 * `event` is missing or not one of the 11, else `valid` / `invalid` with every error found
 * (path is a JSON Pointer such as `/data/matchScore`, '' for the body itself). A message
 * says what is wrong with the value at its path and does not repeat the path:
 * schemaErrorText joins the two for display.
 */
export function validatePayload(body: Uint8Array | string): SchemaVerdict {
  try {
    const parsed = parse(body)
    if (!parsed.ok) {
      return { status: 'not-json', event: null, errors: [{ path: '', message: parsed.reason, keyword: 'json' }] }
    }
    const value = parsed.value
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
    if (!isObject) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
      const message = `is ${kind}, not an object: a Smart KYC webhook is {event, timestamp, data, tenantId}`
      return { status: 'unknown-event', event: null, errors: [{ path: '', message, keyword: 'type' }] }
    }
    const raw = (value as Record<string, unknown>).event
    if (!isEventName(raw)) {
      const event = typeof raw === 'string' ? raw : null
      const message =
        raw === undefined
          ? 'is missing: a Smart KYC webhook is {event, timestamp, data, tenantId}'
          : `is ${JSON.stringify(raw).slice(0, 200)}, not a Smart KYC event: expected one of ${EVENT_NAMES.join(', ')}`
      return { status: 'unknown-event', event, errors: [{ path: '/event', message, keyword: 'enum' }] }
    }
    const validate = validatorFor(raw)
    if (validate(value)) return { status: 'valid', event: raw, errors: [] }
    return { status: 'invalid', event: raw, errors: (validate.errors ?? []).map(toError) }
  } catch (err) {
    // Only reachable through a bug or exhaustion (e.g. a stack overflow): report it, never crash.
    const message = `could not be validated: ${messageOf(err)}`
    return { status: 'invalid', event: null, errors: [{ path: '', message, keyword: 'internal' }] }
  }
}
