/**
 * The documented rate limits ("Standard: 100 requests per minute; Burst: up to 200 requests
 * per minute") as one token bucket per API key: it holds `burst` tokens, refills at `rate`
 * per minute, and each request takes one. So a fresh key can make 200 requests at once, then
 * 100 a minute. (A token bucket is our reading of "burst"; the docs do not name an algorithm.)
 *
 * The clock is injected so the core test is exact; the server passes Date.now.
 */

export interface RateDecision {
  allowed: boolean
  /** X-RateLimit-Limit: the bucket's size. */
  limit: number
  /** X-RateLimit-Remaining: whole tokens left after this request. */
  remaining: number
  /** X-RateLimit-Reset: Unix time (seconds) when the bucket is full again. */
  resetAt: number
  /** Retry-After for a refused request: whole seconds until one token is back (at least 1). */
  retryAfterSeconds: number
}

export interface RateLimiter {
  take(key: string): RateDecision
}

/** Buckets kept at most; beyond that the oldest is forgotten (a forgotten key starts full, as a fresh key would). */
const MAX_BUCKETS = 10_000

export function createRateLimiter(options: { rate: number; burst: number; now?: () => number }): RateLimiter {
  const { rate, burst } = options
  const now = options.now ?? Date.now
  const perMs = rate / 60_000
  const buckets = new Map<string, { tokens: number; at: number }>()

  return {
    take(key) {
      const t = now()
      let bucket = buckets.get(key)
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string)
        bucket = { tokens: burst, at: t }
        buckets.set(key, bucket)
      } else {
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, t - bucket.at) * perMs)
        bucket.at = t
      }
      const allowed = bucket.tokens >= 1
      if (allowed) bucket.tokens -= 1
      const missing = burst - bucket.tokens
      return {
        allowed,
        limit: burst,
        remaining: Math.floor(bucket.tokens),
        resetAt: Math.ceil((t + missing / perMs) / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
      }
    }
  }
}
