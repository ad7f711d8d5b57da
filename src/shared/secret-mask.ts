/**
 * How a listener's extra secret is shown once stored: no character of it, only its place
 * and length ("•••• #2 (11 chars)"). The same text, sent back in `listeners.update`, means
 * "keep secret #2 as it is", so a UI can edit the list without ever holding the secrets.
 * Seeing one in clear is an explicit action (`listeners.revealSecrets`).
 */

/** The masked form of the `index`-th (0-based) secret. */
export function maskedSecretRef(secret: string, index: number): string {
  return `•••• #${index + 1} (${secret.length} chars)`
}

const REF = /^•••• #(\d+) \(\d+ chars\)$/

/** True when `value` is a masked stand-in rather than a secret. */
export const isMaskedSecretRef = (value: string): boolean => REF.test(value)

/**
 * Resolves masked stand-ins in `next` to the secrets they stand for in `current` (the stored
 * list they were made from); other entries are new secrets and pass through. A stand-in that
 * matches none (the list changed meanwhile) is an error the caller reports.
 */
export function resolveSecretRefs(next: string[], current: string[]): { secrets: string[]; unknown: string | null } {
  const secrets: string[] = []
  for (const value of next) {
    if (!isMaskedSecretRef(value)) {
      secrets.push(value)
      continue
    }
    const index = Number(REF.exec(value)![1]) - 1
    const stored = current[index]
    if (stored === undefined || maskedSecretRef(stored, index) !== value) return { secrets: [], unknown: value }
    secrets.push(stored)
  }
  return { secrets, unknown: null }
}
