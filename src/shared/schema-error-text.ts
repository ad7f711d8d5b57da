/**
 * One schema error in words, for every face (Inbox, Compose, `kyc-hooks show`): the path
 * once, then what is wrong with the value there ("/timestamp must be in UTC…"); an error
 * about the body itself reads "the body is not JSON (…)" rather than "/ …".
 */
import type { SchemaError } from './models'

/** What to call the value at `path`: the JSON Pointer, or "the body" for the root. */
export function schemaErrorSubject(path: string): string {
  return path === '' ? 'the body' : path
}

/**
 * The message without any subject the engine once put in front of it. Verdicts are stored
 * with their capture, and captures made before messages stopped repeating the path still
 * carry "/timestamp /timestamp must…" or "the payload …": they read the same as new ones.
 */
export function schemaErrorDetail(error: Pick<SchemaError, 'path' | 'message'>): string {
  const { path, message } = error
  for (const old of path === '' ? ['the body ', 'the payload '] : [`${path} `]) {
    if (message.startsWith(old)) return message.slice(old.length)
  }
  return message
}

/** "/timestamp must be in UTC…", "the body is not JSON (…)". */
export function schemaErrorText(error: Pick<SchemaError, 'path' | 'message'>): string {
  return `${schemaErrorSubject(error.path)} ${schemaErrorDetail(error)}`
}
