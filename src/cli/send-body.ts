/**
 * The body `send` signs and delivers: the event's template, or `--data FILE|-`, then any
 * `--set` edits. With `--data` and no `--set`, the file's exact bytes go out unchanged
 * (a developer reproducing a problem needs their bytes, not our re-serialisation).
 */
import { badInput } from '../shared/errors'
import { readBytes, sourceLabel } from './input'
import { findJsonError } from './json-error'
import { applySets, parseSet } from './set-path'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Parses JSON text (a leading BOM tolerated) or throws a message with line and column. */
export function parseJsonOrExplain(text: string, label: string): unknown {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    return JSON.parse(withoutBom)
  } catch (err) {
    const found = findJsonError(text)
    const detail = found
      ? `${found.message} at line ${found.line} column ${found.column} (expected ${found.expected})`
      : (err as Error).message
    throw badInput(`${label} is not valid JSON: ${detail}`)
  }
}

/** Decodes bytes as UTF-8, refusing bytes that are not (JSON must be UTF-8, and the text must re-encode to the same bytes). */
export function decodeUtf8OrExplain(bytes: Uint8Array, label: string): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw badInput(`${label} is not UTF-8 text: save the file as UTF-8 JSON`)
  }
}

/** Builds the body text for `send`. */
export async function buildSendBody(options: {
  template: () => Promise<string>
  data?: string
  sets: readonly string[]
}): Promise<string> {
  const edits = options.sets.map(parseSet)
  let text: string
  let label: string
  if (options.data !== undefined) {
    label = sourceLabel('--data', options.data)
    text = decodeUtf8OrExplain(await readBytes(options.data, '--data'), label)
  } else {
    label = 'the template'
    text = await options.template()
  }
  const payload = parseJsonOrExplain(text, label)
  if (edits.length === 0) return text
  applySets(payload, edits)
  return JSON.stringify(payload, null, 2)
}
