/**
 * Parsers for option values. Each rejects a bad value with a message that names the value
 * and what is expected; commander turns InvalidArgumentError into
 * "option '--port <n>' argument 'abc' is invalid. <our words>", which errors.ts prints as one line.
 */
import { InvalidArgumentError } from 'commander'
import { badInput } from '../shared/errors'
import { isHttpToken } from '../shared/http-rules'
import type { HeaderPair } from '../shared/models'

/** An integer option within [min, max], e.g. `--port`, `--limit`. */
export function intOption(what: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}`)
    }
    return n
  }
}

/** One of a fixed set of words, e.g. `--signature valid|invalid|missing`. */
export function choiceOption<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`choose one of: ${values.join(', ')}`)
    }
    return value as T
  }
}

/** Collects a repeatable option into an array (`--secret a --secret b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** Parses `"Name: value"` into a header pair; refuses names that are not HTTP tokens and values with CR/LF/NUL. */
export function parseHeader(text: string): HeaderPair {
  const colon = text.indexOf(':')
  if (colon <= 0) {
    throw badInput(`--header ${JSON.stringify(text)} is not "Name: value": write it like --header "Authorization: Bearer abc"`)
  }
  const name = text.slice(0, colon).trim()
  const value = text.slice(colon + 1).trim()
  if (!isHttpToken(name)) {
    throw badInput(`--header name ${JSON.stringify(name)} is not a valid HTTP header name: use letters, digits and - only`)
  }
  if (/[\r\n\0]/.test(value)) {
    throw badInput(`--header ${JSON.stringify(name)} has a line break or NUL in its value: remove it`)
  }
  return [name, value]
}

/** An absolute http(s) URL, e.g. for `--to` and `--forward-to`. */
export function parseHttpUrl(flag: string, text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw badInput(`${flag} ${JSON.stringify(text)} is not a URL: write it like https://127.0.0.1:8443/webhooks`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput(`${flag} ${JSON.stringify(text)} is not an http(s) URL: use https://… or http://…`)
  }
  // Send to exactly what the user wrote; URL parsing was only the check.
  return text
}
