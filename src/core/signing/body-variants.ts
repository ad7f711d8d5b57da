/**
 * The ways a body commonly changes between the bytes a sender signed and the bytes a
 * verifier hashed. Each entry rebuilds the body the sender may have signed from the body we
 * have; if that candidate matches the signature, its message says what happened. Plain
 * data, checked in order, so adding a case is adding an entry.
 */

/** The received body, decoded once for every variant. */
export interface BodyView {
  readonly bytes: Buffer
  /** The body as UTF-8 text, a leading BOM removed. */
  readonly text: string
  /** The parsed JSON, or undefined when the body is not JSON. */
  json(): unknown
}

export interface BodyVariant {
  code: string
  /** The body the sender may have signed, or null when this variant does not apply. */
  transform(body: BodyView): string | Buffer | null
  message: string
  hint: string
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

const RESERIALISED_HINT =
  'Hash the raw request bytes exactly as received, before any JSON parsing; a sender must sign exactly the bytes it sends.'

function reserialised(how: string): string {
  return `The body was re-serialised: it matches when ${how}, so the sender signed different bytes than you hashed (or your framework parsed the JSON before you hashed it).`
}

/** JSON.stringify of the parsed body, or null when the body is not JSON (or too deep to print). */
function stringify(body: BodyView, indent?: string | number, sortKeys = false): string | null {
  const value = body.json()
  if (value === undefined) return null
  try {
    return JSON.stringify(sortKeys ? sorted(value) : value, null, indent)
  } catch {
    return null
  }
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value === null || typeof value !== 'object') return value
  // A null prototype so a "__proto__" key stays a key instead of replacing the prototype.
  const out: Record<string, unknown> = Object.create(null)
  for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key])
  return out
}

/** Sorted-key JSON, only when sorting changes the key order (else the plain variants cover it). */
function sortedKeys(body: BodyView, indent?: string | number): string | null {
  const plain = stringify(body)
  const keysSorted = stringify(body, undefined, true)
  if (plain === null || keysSorted === null || plain === keysSorted) return null
  return stringify(body, indent, true)
}

const endsWithNewline = (b: Buffer) => b.length > 0 && b[b.length - 1] === 0x0a
const startsWithBom = (b: Buffer) => b.subarray(0, 3).equals(BOM)
const hasCrlf = (b: Buffer) => b.includes('\r\n')

const LINE_ENDINGS_HINT =
  'Send the body as binary, exactly as signed: turn off line-ending conversion (e.g. git autocrlf on a payload file, or text mode transfer).'
const CRLF_JSON_HINT =
  'Hash the raw request bytes exactly as received, and send exactly the bytes you sign: no line-ending conversion, no re-formatting of the JSON.'

const toLf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')
const toCrlf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')
const hasLfOnly = (b: Buffer) => !hasCrlf(b) && b.includes(0x0a)

/** JSON re-serialised with `indent`, its newlines as CRLF. */
function crlfJson(body: BodyView, indent: string | number): string | null {
  const json = stringify(body, indent)
  return json === null ? null : json.replace(/\n/g, '\r\n')
}

function crlfReceived(how: string): string {
  return `The body arrived with CRLF line endings: it matches as ${how}, so the sender signed LF bytes and the line endings (and the layout) changed after signing, or your framework re-serialised the JSON before you hashed it.`
}

function crlfSigned(how: string): string {
  return `The sender signed a body with CRLF line endings: it matches as ${how} with CRLF line endings instead of the LF received, so the line endings (and the layout) changed after signing.`
}

/**
 * CRLF <-> LF, alone or with what usually comes with it (a final line break, a JSON
 * re-serialisation). Tried before the plain re-serialisation variants: a CRLF body
 * that matches "pretty-printed with 2 spaces" once its line endings are LF must be
 * explained by its CRLF, which the body facts show, not by the indentation alone.
 */
const LINE_ENDING_VARIANTS: readonly BodyVariant[] = [
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? toLf(b.bytes) : null),
    message: 'The line endings changed: it matches with LF line endings instead of the CRLF received, so something converted them after signing.',
    hint: LINE_ENDINGS_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) && b.bytes.subarray(-2).equals(Buffer.from('\r\n')) ? toLf(b.bytes.subarray(0, -2)) : null),
    message:
      'The line endings changed: it matches with LF line endings instead of the CRLF received and without the final line break, so something converted the body to CRLF (and ended it with a line break) after signing.',
    hint: LINE_ENDINGS_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasLfOnly(b.bytes) ? toCrlf(b.bytes) : null),
    message: 'The line endings changed: it matches with CRLF line endings instead of the LF received, so the sender signed a CRLF body and something converted it.',
    hint: LINE_ENDINGS_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasLfOnly(b.bytes) && endsWithNewline(b.bytes) ? toCrlf(b.bytes.subarray(0, -1)) : null),
    message:
      'The line endings changed: it matches with CRLF line endings instead of the LF received and without the final line break, so the sender signed a CRLF body and something converted it (adding a line break at the end).',
    hint: LINE_ENDINGS_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? stringify(b, 2) : null),
    message: crlfReceived('JSON pretty-printed with 2 spaces and LF line endings'),
    hint: CRLF_JSON_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? stringify(b, 4) : null),
    message: crlfReceived('JSON pretty-printed with 4 spaces and LF line endings'),
    hint: CRLF_JSON_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? stringify(b, '\t') : null),
    message: crlfReceived('JSON pretty-printed with tabs and LF line endings'),
    hint: CRLF_JSON_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? stringify(b) : null),
    message: crlfReceived('compact JSON (no whitespace, no line breaks)'),
    hint: CRLF_JSON_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? null : crlfJson(b, 2)),
    message: crlfSigned('JSON pretty-printed with 2 spaces'),
    hint: CRLF_JSON_HINT
  },
  {
    code: 'line-endings',
    transform: (b) => (hasCrlf(b.bytes) ? null : crlfJson(b, 4)),
    message: crlfSigned('JSON pretty-printed with 4 spaces'),
    hint: CRLF_JSON_HINT
  }
]

// Byte-level changes come first: they are the more specific explanation (a BOM or newline
// alone also "matches when compacted", but saying so would hide what really happened).
export const BODY_VARIANTS: readonly BodyVariant[] = [
  {
    code: 'trailing-newline',
    transform: (b) => (endsWithNewline(b.bytes) ? b.bytes.subarray(0, b.bytes.length - 1) : null),
    message:
      'A trailing newline was added: it matches without the newline at the end of the body, so the newline was appended after signing.',
    hint: 'Sign the body exactly as it is sent, newline included, and do not let a proxy or editor add one.'
  },
  {
    code: 'trailing-newline',
    transform: (b) => (endsWithNewline(b.bytes) ? null : Buffer.concat([b.bytes, Buffer.from('\n')])),
    message:
      'A trailing newline was removed: it matches with a newline added at the end, so the sender signed a body ending in a newline and the newline was lost on the way (or trimmed before you hashed).',
    hint: 'Do not trim the body: hash the raw request bytes, and make the sender send exactly the bytes it signed.'
  },
  {
    code: 'utf8-bom',
    transform: (b) => (startsWithBom(b.bytes) ? b.bytes.subarray(3) : null),
    message: 'A UTF-8 byte order mark (BOM) was added: it matches without the BOM at the start of the body.',
    hint: 'Send and sign the body without a BOM (save files as "UTF-8", not "UTF-8 with BOM").'
  },
  {
    code: 'utf8-bom',
    transform: (b) => (startsWithBom(b.bytes) ? null : Buffer.concat([BOM, b.bytes])),
    message:
      'A UTF-8 byte order mark (BOM) was removed: it matches with a BOM added at the start, so the sender signed a body starting with a BOM that was stripped before you hashed.',
    hint: 'Hash the raw request bytes (a text decoder drops the BOM); better, make the sender neither sign nor send a BOM.'
  },
  ...LINE_ENDING_VARIANTS,
  {
    code: 'reserialized-body',
    transform: (b) => stringify(b),
    message: reserialised('compacted (JSON without whitespace)'),
    hint: RESERIALISED_HINT
  },
  {
    code: 'reserialized-body',
    transform: (b) => stringify(b, 2),
    message: reserialised('pretty-printed with 2 spaces'),
    hint: RESERIALISED_HINT
  },
  {
    code: 'reserialized-body',
    transform: (b) => stringify(b, 4),
    message: reserialised('pretty-printed with 4 spaces'),
    hint: RESERIALISED_HINT
  },
  {
    code: 'reserialized-body',
    transform: (b) => stringify(b, '\t'),
    message: reserialised('pretty-printed with tabs'),
    hint: RESERIALISED_HINT
  },
  {
    code: 'reordered-keys',
    transform: (b) => sortedKeys(b),
    message:
      'The key order changed: it matches with the object keys sorted alphabetically (compact JSON), so the sender signed JSON with its keys in a different order than the bytes you hashed.',
    hint: RESERIALISED_HINT
  },
  {
    code: 'reordered-keys',
    transform: (b) => sortedKeys(b, 2),
    message:
      'The key order changed: it matches with the object keys sorted alphabetically (pretty-printed with 2 spaces), so the sender signed JSON with its keys in a different order than the bytes you hashed.',
    hint: RESERIALISED_HINT
  }
]

/** A view of `bytes` that decodes and parses at most once, and only if a variant asks. */
export function bodyView(bytes: Buffer): BodyView {
  let text: string | undefined
  let parsed: { value: unknown } | undefined
  return {
    bytes,
    get text() {
      text ??= bytes.toString('utf8').replace(/^\uFEFF/, '')
      return text
    },
    json() {
      if (!parsed) {
        try {
          parsed = { value: JSON.parse(this.text) }
        } catch {
          parsed = { value: undefined }
        }
      }
      return parsed.value
    }
  }
}
