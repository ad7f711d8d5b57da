import { describe, expect, it } from 'vitest'
import { checkTargetUrl, isLocalHost } from '../../../src/core/sender/url-policy'
import { checkCustomHeaders, standardHeaders } from '../../../src/core/sender/header-policy'
import { USER_AGENT } from '../../../src/core/version'
import { WorkbenchError } from '../../../src/shared/errors'

function errorOf(fn: () => unknown): WorkbenchError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbenchError)
    return err as WorkbenchError
  }
  throw new Error('expected an error')
}

describe('url policy', () => {
  it('accepts HTTPS anywhere', () => {
    expect(checkTargetUrl('https://example.com/hook', { allowLocalHttp: false }).host).toBe('example.com')
  })

  it('refuses plain http with words that name the URL and the way out', () => {
    const err = errorOf(() => checkTargetUrl('http://example.com/hook', { allowLocalHttp: false }))
    expect(err.code).toBe('bad-input')
    expect(err.message).toBe(
      'http://example.com/hook is not HTTPS: Smart KYC only delivers to HTTPS URLs; use https:// or, for a local handler, allow http://localhost'
    )
  })

  it('refuses http://localhost unless the exception is switched on', () => {
    expect(() => checkTargetUrl('http://localhost:3000/hook', { allowLocalHttp: false })).toThrow(/is not HTTPS/)
    expect(checkTargetUrl('http://localhost:3000/hook', { allowLocalHttp: true }).port).toBe('3000')
  })

  it.each(['http://localhost/x', 'http://api.localhost/x', 'http://127.0.0.1:8080/x', 'http://127.9.8.7/x', 'http://[::1]:3000/x', 'http://LOCALHOST./x'])(
    'allows %s under the localhost exception',
    (url) => {
      expect(() => checkTargetUrl(url, { allowLocalHttp: true })).not.toThrow()
    }
  )

  it.each(['http://example.com/x', 'http://localhost.example.com/x', 'http://10.0.0.1/x', 'http://[::2]/x', 'http://128.0.0.1/x'])(
    'keeps refusing %s even with the exception',
    (url) => {
      const err = errorOf(() => checkTargetUrl(url, { allowLocalHttp: true }))
      expect(err.message).toContain(url)
      expect(err.message).toContain('use https://')
    }
  )

  it('refuses other schemes and garbage', () => {
    expect(errorOf(() => checkTargetUrl('ftp://example.com/x', { allowLocalHttp: true })).message).toMatch(/ftp:\/\/example.com\/x is not an HTTPS URL/)
    expect(errorOf(() => checkTargetUrl('not a url', { allowLocalHttp: true })).message).toMatch(/not a url is not a valid URL/)
  })

  it('refuses credentials in the URL: they belong in a custom header', () => {
    expect(errorOf(() => checkTargetUrl('https://user:pw@example.com/x', { allowLocalHttp: false })).message).toMatch(
      /has a user name or password in it: .* add an Authorization header instead/
    )
  })

  it('knows the loopback spellings', () => {
    expect(isLocalHost('[::ffff:7f00:1]')).toBe(true)
    expect(isLocalHost('127.0.0.1')).toBe(true)
    expect(isLocalHost('example.localhost')).toBe(true)
    expect(isLocalHost('localhostx')).toBe(false)
    expect(isLocalHost('[::ffff:a00:1]')).toBe(false)
  })
})

describe('custom header policy', () => {
  it('accepts ordinary auth headers', () => {
    expect(() => checkCustomHeaders([['Authorization', 'Bearer abc'], ['X-API-Key', 'k-1']])).not.toThrow()
  })

  it('refuses invalid names and values with line breaks', () => {
    expect(errorOf(() => checkCustomHeaders([['Bad Name', 'x']])).message).toMatch(/"Bad Name" is not a valid HTTP header name/)
    expect(errorOf(() => checkCustomHeaders([['X-A:', 'x']])).message).toMatch(/not a valid HTTP header name/)
    expect(errorOf(() => checkCustomHeaders([['X-Inject', 'a\r\nX-Evil: 1']])).message).toMatch(/X-Inject has a line break/)
    expect(errorOf(() => checkCustomHeaders([['X-Null', 'a\u0000b']])).message).toMatch(/X-Null has a character/)
    expect(errorOf(() => checkCustomHeaders([['X-Emoji', 'a😀']])).message).toMatch(/X-Emoji has a character/)
  })

  it.each(['Content-Type', 'x-smartkyc-signature', 'Content-Length', 'Transfer-Encoding', 'Host', 'Connection'])(
    'refuses to let %s be overridden',
    (name) => {
      const err = errorOf(() => checkCustomHeaders([[name, 'x']]))
      expect(err.message).toContain(`custom header ${name} cannot be set`)
    }
  )

  it('builds the standard set in Smart KYC order, custom headers last', () => {
    expect(standardHeaders('abc', [['Authorization', 'Bearer t']])).toEqual([
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', 'abc'],
      ['User-Agent', USER_AGENT],
      ['Authorization', 'Bearer t']
    ])
    // A custom User-Agent takes the standard one's place instead of doubling it.
    expect(standardHeaders('abc', [['User-Agent', 'mine/1'], ['X-A', '1']])).toEqual([
      ['Content-Type', 'application/json'],
      ['X-SmartKYC-Signature', 'abc'],
      ['User-Agent', 'mine/1'],
      ['X-A', '1']
    ])
  })
})
