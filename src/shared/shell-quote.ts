/**
 * Quoting for the POSIX shell lines we print for people to paste (curl commands, CLI
 * hints). One home for the rule, used by the engine's curl export and the renderer.
 */

/** Single-quotes any text without NUL, escaping single quotes: always safe to paste. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** Like shellQuote, but leaves a word that needs no quoting bare (`https://x/y`), for shorter hints. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(value) ? value : shellQuote(value)
}
