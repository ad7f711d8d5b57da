/**
 * The documented limits (100 requests/minute, bursts up to 200) as a token bucket per key:
 * exact with an injected clock, then through real sockets, frozen and with the real clock.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../../src/core/platform/rate-limit'
import { openPlatformWorkbench, type PlatformWorkbench } from './platform-helpers'

describe('token bucket per API key', () => {
  it('lets a fresh key burst 200, refuses the 201st for 1 s, then refills at 100 per minute', () => {
    let t = 1_700_000_000_000
    const limiter = createRateLimiter({ rate: 100, burst: 200, now: () => t })
    const first = limiter.take('k')
    expect(first).toMatchObject({ allowed: true, limit: 200, remaining: 199 })
    // Full again once the one token is back: 600 ms later, rounded up to the second.
    expect(first.resetAt).toBe(Math.ceil((t + 600) / 1000))
    for (let i = 2; i <= 200; i++) expect(limiter.take('k').allowed).toBe(true)
    const refused = limiter.take('k')
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 })
    expect(refused.resetAt).toBe(Math.ceil((t + 200 * 600) / 1000))

    t += 599
    expect(limiter.take('k').allowed).toBe(false)
    t += 1
    expect(limiter.take('k').allowed).toBe(true)
    expect(limiter.take('k').allowed).toBe(false)

    // A minute later: 100 more, not 200 (the bucket refills at the sustained rate).
    t += 60_000
    let passed = 0
    while (limiter.take('k').allowed) passed++
    expect(passed).toBe(100)
    // Another key has its own full bucket.
    expect(limiter.take('other').remaining).toBe(199)
  })

  it('never holds more than the burst, however long a key stays idle', () => {
    let t = 0
    const limiter = createRateLimiter({ rate: 100, burst: 200, now: () => t })
    limiter.take('k')
    t += 3_600_000
    let passed = 0
    while (limiter.take('k').allowed) passed++
    expect(passed).toBe(200)
  })

  it('follows --rate and --burst', () => {
    const t = 0
    const limiter = createRateLimiter({ rate: 6000, burst: 5, now: () => t })
    const results = Array.from({ length: 7 }, () => limiter.take('k'))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false, false])
    expect(results[5]).toMatchObject({ limit: 5, retryAfterSeconds: 1 })
  })
})

let env: PlatformWorkbench | null = null
afterEach(async () => {
  await env?.close()
  env = null
})

/** `count` requests one after another on one keep-alive connection; status and rate headers of each. */
async function burst(url: string, apiKey: string, count: number) {
  const out: { status: number; limit: string | null; remaining: string | null; reset: string | null; retryAfter: string | null; body: unknown }[] = []
  for (let i = 0; i < count; i++) {
    const res = await fetch(url, { headers: { 'X-API-Key': apiKey } })
    out.push({
      status: res.status,
      limit: res.headers.get('x-ratelimit-limit'),
      remaining: res.headers.get('x-ratelimit-remaining'),
      reset: res.headers.get('x-ratelimit-reset'),
      retryAfter: res.headers.get('retry-after'),
      body: await res.json()
    })
  }
  return out
}

describe('a burst of 260 requests with a fresh key, over real sockets', () => {
  it('passes exactly the first 200 and answers the other 60 with 429 (clock held still)', async () => {
    const t = 1_800_000_000_000
    env = await openPlatformWorkbench({ rateClock: () => t })
    const results = await burst(`${env.baseUrl}/invitations`, env.apiKey, 260)
    expect(results.map((r) => r.status)).toEqual([...Array(200).fill(200), ...Array(60).fill(429)])
    expect(results.slice(0, 200).map((r) => Number(r.remaining))).toEqual(Array.from({ length: 200 }, (_, i) => 199 - i))
    const fullAgain = String(Math.ceil((t + 200 * 600) / 1000))
    for (const r of results.slice(200)) {
      expect(r).toMatchObject({ limit: '200', remaining: '0', retryAfter: '1', reset: fullAgain })
      expect(r.body).toEqual({ error: { code: 'rate-limited', message: expect.stringContaining('100 requests per minute') } })
    }
    expect(results.slice(0, 200).every((r) => r.retryAfter === null && r.limit === '200')).toBe(true)
    // A 401 answer carries them too (the bucket of whatever key was sent).
    const wrong = await fetch(`${env.baseUrl}/invitations`, { headers: { 'X-API-Key': 'wrong' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('x-ratelimit-remaining')).toBe('199')
  })

  it('passes the first 200 and answers the rest 429 with Retry-After and the X-RateLimit headers (real clock)', async () => {
    env = await openPlatformWorkbench()
    const started = Date.now()
    const results = await burst(`${env.baseUrl}/invitations`, env.apiKey, 260)
    const elapsedMs = Date.now() - started

    // The first 200 always pass: the bucket starts full.
    expect(results.slice(0, 200).every((r) => r.status === 200)).toBe(true)
    expect(Number(results[0].remaining)).toBe(199)
    // Of the other 60, only the tokens that refilled during the burst pass: one per 600 ms.
    const extra = results.slice(200).filter((r) => r.status === 200).length
    expect(extra).toBeLessThanOrEqual(Math.floor((elapsedMs * 100) / 60_000) + 1)
    const refused = results.slice(200).filter((r) => r.status === 429)
    expect(refused.length).toBe(60 - extra)
    expect(refused.length).toBeGreaterThan(0)
    for (const r of refused) {
      expect(r.limit).toBe('200')
      expect(r.remaining).toBe('0')
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(r.reset)).toBeGreaterThan(Math.floor(started / 1000))
      expect(r.body).toMatchObject({ error: { code: 'rate-limited' } })
    }
    // Every answer carries the three headers.
    expect(results.every((r) => r.limit === '200' && r.remaining !== null && r.reset !== null)).toBe(true)

    // The request log holds every one, 429s included.
    const log = await env.wb.platform.requests({ limit: 1000 })
    expect(log.filter((l) => l.status === 429)).toHaveLength(refused.length)
  })
})
