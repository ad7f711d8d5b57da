import { describe, expect, it } from 'vitest'
import { describeNetworkError, describeStatus } from '../../../src/core/sender/attempt-errors'

const target = new URL('https://hooks.example.test/smart-kyc')
const err = (code: string, message = code, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code }, extra)

// Errors that a real socket rarely produces on demand here (DNS without a network,
// expired certificates) are described from the shapes Node and undici give them.
describe('attempt error words', () => {
  it('says which host was not found', () => {
    expect(describeNetworkError(err('ENOTFOUND', 'getaddrinfo ENOTFOUND hooks.example.test'), target, 10_000, false)).toBe(
      "DNS: host hooks.example.test not found: check the URL's host name or your network [ENOTFOUND]"
    )
  })

  it('looks inside undici wrappers and happy-eyeballs aggregates', () => {
    const wrapped = err('UND_ERR_SOCKET', 'other side closed', { cause: err('ECONNRESET') })
    expect(describeNetworkError(wrapped, target, 10_000, false)).toMatch(/^connection reset: hooks.example.test:443 closed/)
    const aggregate = Object.assign(new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')], 'connect failed'), {})
    expect(describeNetworkError(aggregate, new URL('http://localhost:3000/x'), 10_000, false)).toBe(
      'connection refused: nothing listens on localhost:3000 [ECONNREFUSED]'
    )
  })

  it('names TLS problems and what to do', () => {
    expect(describeNetworkError(err('CERT_HAS_EXPIRED'), target, 10_000, false)).toMatch(/^TLS: the certificate of hooks.example.test has expired/)
    expect(describeNetworkError(err('ERR_TLS_CERT_ALTNAME_INVALID'), target, 10_000, false)).toMatch(
      /^TLS: the certificate does not cover hooks.example.test/
    )
    expect(describeNetworkError(err('SELF_SIGNED_CERT_IN_CHAIN'), target, 10_000, false)).toBe(
      'TLS: certificate not trusted (self-signed?): trust the local CA or enable insecure TLS for this endpoint [SELF_SIGNED_CERT_IN_CHAIN]'
    )
  })

  it('prefers our own timeout over whatever error the abort surfaced as', () => {
    expect(describeNetworkError(err('UND_ERR_ABORTED'), target, 2500, true)).toBe('timeout: no response within 2500 ms from hooks.example.test:443')
  })

  it('keeps unknown errors searchable', () => {
    expect(describeNetworkError(err('EWEIRD', 'something odd'), target, 10_000, false)).toBe('something odd [EWEIRD]')
    expect(describeNetworkError('a string', target, 10_000, false)).toBe('a string')
  })

  it('words non-2xx answers', () => {
    expect(describeStatus(503, null)).toBe('HTTP 503 Service Unavailable: not 2xx, so the delivery counts as failed')
    expect(describeStatus(308, null)).toMatch(/^HTTP 308 Permanent Redirect: redirect not followed/)
    expect(describeStatus(599, null)).toBe('HTTP 599: not 2xx, so the delivery counts as failed')
  })
})
