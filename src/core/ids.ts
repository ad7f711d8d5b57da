import { randomFillSync } from 'node:crypto'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

// Each call into the CSPRNG costs ~10-15 us whatever its size, and the receiver makes an id
// per captured request: draw 4 KiB at a time and hand out slices (same generator, fetched ahead).
const pool = Buffer.alloc(4096)
let poolOffset = pool.length

function randomBytes(n: number): Buffer {
  if (n > pool.length) return randomFillSync(Buffer.alloc(n))
  if (poolOffset + n > pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n))
  poolOffset += n
  return out
}

/**
 * A time-sortable, collision-resistant id with a readable prefix (`cap_`, `dlv_`, ...):
 * 10 characters of millisecond time then 12 of randomness, so ids sort by creation.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  const bytes = randomBytes(12)
  let rand = ''
  for (const b of bytes) rand += ALPHABET[b % 32]
  return `${prefix}_${time}${rand}`
}

/** Random lowercase-hex / alphanumeric tokens for ids in payloads (`sub_…`, `inv_…`). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % 32]
  return out
}
