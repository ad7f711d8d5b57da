/**
 * Zod issues in words, one line: what the dispatcher (IPC and HTTP) and the CLI say when
 * input breaks a schema, so every face refuses with the same words. Not z.prettifyError:
 * that writes one line per issue with marks, and the CLI's contract is one line.
 */

/** What this needs of an issue: zod's own issues and the dispatcher's wire copies both fit. */
export interface IssueLike {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

const MAX_SHOWN = 5

/** `port: expected number, received string; name: too small`: the details carry the rest. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const shown = issues.slice(0, MAX_SHOWN).map((i) => `${i.path.length ? i.path.map(String).join('.') : '(input)'}: ${lowerFirst(i.message)}`)
  if (issues.length > MAX_SHOWN) shown.push(`and ${issues.length - MAX_SHOWN} more`)
  return shown.join('; ')
}

function lowerFirst(text: string): string {
  return text.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase())
}
