/**
 * How a secret is named in a verdict when it has no name of its own: by where it came from
 * and its last four characters (as the masked secrets elsewhere show them), so the user can
 * tell which one matched without the secret being shown.
 */
export function secretLabel(origin: string, secret: string): string {
  const tail = secret.length > 8 ? `…${secret.slice(-4)}` : '(short)'
  return `${origin} ${tail}`
}
