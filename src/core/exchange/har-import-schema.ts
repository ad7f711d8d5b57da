/**
 * What a HAR entry must hold to become a capture, as a zod schema: tolerant of what browsers
 * and other tools write (missing optional fields, HTTP/2 pseudo-headers, form params without
 * text, no response at all), strict about the fields a capture is made of. Only what the
 * importer reads is checked; every other field may be anything, as other tools add their own.
 * The messages of the refinements follow their field's path ("request.method "X Y" is not
 * an HTTP method"); `describeHarIssue` turns an issue into the words the importer throws.
 */
import { z } from 'zod'
import { isHttpToken } from '../../shared/http-rules'

// Nothing that could not have travelled in an HTTP/1.1 header line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_HEADER_CHARS = /[\u0000\r\n]/
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/
/** scheme://authority then the target, or a bare path. */
export const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?]*)(.*)$/

/** The message of a field that is absent (or empty): it reads "request.method missing". */
const MISSING = 'missing'
/** A required field's error: "missing" when it is absent, zod's own words when it has the wrong type. */
const missingOr = { error: (iss: { input?: unknown }) => (iss.input === undefined || iss.input === null ? MISSING : undefined) }

const quoted = (text: string, max: number) => JSON.stringify(text.slice(0, max))

const HarHeader = z
  .object({ name: z.string(), value: z.string().optional() })
  .check((ctx) => {
    const { name, value = '' } = ctx.value
    if (typeof name !== 'string' || typeof value !== 'string') return
    // HTTP/2 and HTTP/3 pseudo-headers (":authority", ":path") are not header lines: the importer drops them.
    if (name.startsWith(':')) return
    if (!isHttpToken(name)) ctx.issues.push({ code: 'custom', input: name, path: ['name'], message: `${quoted(name, 200)} is not a valid header name` })
    else if (BAD_HEADER_CHARS.test(value)) ctx.issues.push({ code: 'custom', input: value, message: `(${name}) has a line break or NUL in its value` })
  })

const HarHeaders = z.array(HarHeader).nullish()

/** postData (request) and content (response): text, or base64 text, or form params. */
const HarBody = z
  .object({
    text: z.string().optional(),
    encoding: z.unknown().optional(),
    // Elements that are not {name} are skipped, as before: only the list itself is required.
    params: z.unknown().optional()
  })
  .check((ctx) => {
    const { text, encoding } = ctx.value
    if (text !== undefined && encoding === 'base64' && !BASE64.test(text)) {
      ctx.issues.push({ code: 'custom', input: text.slice(0, 50), path: ['text'], message: 'is marked base64 but is not valid base64' })
    }
  })
  .nullish()

const HarRequest = z.object(
  {
    method: z
      .string(missingOr)
      .min(1, MISSING)
      .refine(isHttpToken, { error: (iss) => `${quoted(iss.input as string, 50)} is not an HTTP method` }),
    url: z
      .string(missingOr)
      .min(1, MISSING)
      .refine((url) => ABSOLUTE_URL.test(url.split('#')[0]) || url.startsWith('/'), {
        error: (iss) => `${quoted(iss.input as string, 200)} is neither an absolute URL nor a path`
      }),
    httpVersion: z.unknown().optional(),
    headers: HarHeaders,
    postData: HarBody
  },
  missingOr
)

/** A response that is not an object is left out (browsers write none for a failed request). */
const HarResponse = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null),
  z.object({ status: z.unknown().optional(), headers: HarHeaders, content: HarBody }).nullable()
)

export const HarImportEntry = z.object({
  startedDateTime: z.unknown().optional(),
  request: HarRequest,
  response: HarResponse,
  _smartkyc: z.unknown().optional()
})
export type HarImportEntry = z.infer<typeof HarImportEntry>

/** The document around the entries; each entry is checked on its own so errors can name it. */
const LOG_MISSING = 'not a HAR file: "log" is missing (expected {"log": {"entries": [...]}})'
export const HarImportDocument = z.object(
  { log: z.object({ entries: z.array(z.unknown(), { error: 'not a HAR file: log.entries is missing or not a list' }) }, { error: LOG_MISSING }) },
  { error: LOG_MISSING }
)

/** `entries[3].request.url`-style path, as a reader of JSON would write it. */
export function harPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

/** The value an issue is about, short: `42`, `"abc"`, `nothing`. */
function shownValue(input: unknown): string {
  if (input === undefined) return 'nothing'
  const text = JSON.stringify(input) ?? String(input)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

/**
 * One issue of an entry in words. `prefix` is the entry's own path in the file
 * (`log.entries[3]`). A field that is missing or breaks a rule reads "request.method missing";
 * a value of the wrong kind names its full path and the value:
 * "log.entries[3].request.url: expected a string, got 42".
 */
export function describeHarIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string {
  const field = harPath(issue.path)
  if (issue.code === 'invalid_type' && issue.message !== MISSING) {
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a'
    return `${harPath([...prefix, ...issue.path])}: expected ${article} ${issue.expected}, got ${shownValue(issue.input)}`
  }
  return `${field || 'the entry'} ${issue.message}`
}
