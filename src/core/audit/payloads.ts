/**
 * The bodies the audit sends. Every request gets fresh ids (the catalog's templates are
 * random per call), so a handler that de-duplicates only sees a duplicate where check 5
 * sends one on purpose. Check 2's bodies are valid JSON whose bytes a parse-and-stringify
 * would change; everything else is compact JSON, which survives a re-serialisation.
 */
import { templateFor } from '../catalog'
import type { EventName } from '../../shared/models'

type Json = Record<string, unknown>

export function payload(event: EventName, patch: (p: Json & { data: Json }) => void = () => undefined): Json & { data: Json } {
  const p = templateFor(event) as Json & { data: Json }
  patch(p)
  return p
}

export const compact = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8')

/** UTF-8 names from several scripts, and an emoji (a surrogate pair in JSON's \u form). */
export const UTF8_NAMES = { firstName: 'Zoë Ågot', lastName: 'Núñez-Øster 李小龍', city: 'Zürich', note: 'Привет 👋' }

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = Object.create(null)
  for (const key of Object.keys(value).reverse()) out[key] = reversedKeys((value as Record<string, unknown>)[key])
  return out
}

/** Compact JSON with every non-ASCII character written as a \uXXXX escape (still the same JSON). */
function asciiEscaped(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export interface BodyVariant {
  label: string
  body: Buffer
}

/** Check 2: one submission.completed each, in four shapes that JSON.parse + JSON.stringify would change. */
export function reserialisationVariants(): BodyVariant[] {
  const fresh = () =>
    payload('submission.completed', (p) => {
      p.data.responses = { ...(p.data.responses as Json | undefined), ...UTF8_NAMES }
    })
  return [
    { label: 'pretty-printed (2 spaces)', body: Buffer.from(JSON.stringify(fresh(), null, 2), 'utf8') },
    { label: 'keys in another order', body: Buffer.from(JSON.stringify(reversedKeys(fresh())), 'utf8') },
    { label: 'non-ASCII written as \\u escapes', body: Buffer.from(asciiEscaped(fresh()), 'utf8') },
    { label: 'a trailing newline', body: Buffer.from(JSON.stringify(fresh()) + '\n', 'utf8') }
  ]
}

/** Check 9: a submission.completed whose `responses` object weighs about 1 MB. */
export function largePayload(): Buffer {
  const responses: Record<string, string> = {}
  const filler = 'x'.repeat(1_000)
  for (let i = 0; i < 1_040; i++) responses[`answer_${String(i).padStart(4, '0')}`] = filler
  return compact(payload('submission.completed', (p) => (p.data.responses = responses)))
}

/** Check 9: names in several scripts, sent as raw UTF-8. */
export function utf8Payload(): Buffer {
  return compact(
    payload('submission.completed', (p) => {
      p.data.responses = { ...UTF8_NAMES }
    })
  )
}
