/**
 * Random API credentials. Smart KYC does not document the format of its API Key and API
 * Secret; the `skyc_key_` / `skyc_sec_` prefixes and lengths here are our inference, chosen
 * so a key and a secret are easy to tell apart when pasted (and to catch "signed with the
 * API key instead of the secret" mistakes).
 */
import { randomInt } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const API_KEY_PREFIX = 'skyc_key_'
export const API_SECRET_PREFIX = 'skyc_sec_'

// randomInt draws without modulo bias, so every character carries log2(62) bits.
function randomChars(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]
  return out
}

/** A new API key: `skyc_key_` + 32 random alphanumerics. */
export function newApiKey(): string {
  return API_KEY_PREFIX + randomChars(32)
}

/** A new API secret: `skyc_sec_` + 48 random alphanumerics (about 285 bits). */
export function newApiSecret(): string {
  return API_SECRET_PREFIX + randomChars(48)
}

/** What the UI may show of a secret after creation: first 8 characters, an ellipsis, last 4. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '…'
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`
}
