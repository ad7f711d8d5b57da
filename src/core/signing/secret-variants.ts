/**
 * The ways a secret commonly differs between the sender and the verifier: whitespace or a
 * newline picked up while copying or reading it from a file. Plain data, checked in order.
 */

export interface SecretVariant {
  /** The secret the sender may have used, or null when this variant does not apply. */
  transform(secret: string): string | null
  /** What happened, given the label of the secret it matched. */
  message(label: string): string
  hint: string
}

const TRIM_HINT = 'Store the secret without surrounding whitespace: paste it again, or trim it where it is read.'
const ADDED_HINT =
  'Trim the secret where the sender reads it: reading a file or an environment variable set with echo keeps the trailing newline.'

export const SECRET_VARIANTS: readonly SecretVariant[] = [
  {
    transform: (s) => (s.trim() !== s ? s.trim() : null),
    message: (label) =>
      `It matches the secret "${label}" with its surrounding whitespace removed: the copy of that secret here has extra spaces or a newline, the sender's has not.`,
    hint: TRIM_HINT
  },
  {
    transform: (s) => `${s}\n`,
    message: (label) => `It matches the secret "${label}" with a newline added at the end: the sender keyed the HMAC with the secret plus a trailing newline.`,
    hint: ADDED_HINT
  },
  {
    transform: (s) => `${s}\r\n`,
    message: (label) => `It matches the secret "${label}" with CRLF added at the end: the sender keyed the HMAC with the secret plus a Windows line ending.`,
    hint: ADDED_HINT
  },
  {
    transform: (s) => `${s} `,
    message: (label) => `It matches the secret "${label}" with a space added at the end: the sender's copy of the secret has a trailing space.`,
    hint: ADDED_HINT
  },
  {
    transform: (s) => ` ${s}`,
    message: (label) => `It matches the secret "${label}" with a space added at the start: the sender's copy of the secret has a leading space.`,
    hint: ADDED_HINT
  }
]
