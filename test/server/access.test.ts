import { describe, expect, it } from 'vitest'
import { bearerToken, createHostPolicy, newToken, tokenMatches } from '../../src/server/access'

describe('tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const a = newToken()
    const b = newToken()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(a, 'base64url')).toHaveLength(32)
    expect(a).not.toBe(b)
  })

  it('match only exactly', () => {
    const t = newToken()
    expect(tokenMatches(t, t)).toBe(true)
    for (const wrong of [null, undefined, '', t.slice(0, -1), `${t}a`, t.toUpperCase() === t ? `${t}x` : t.toUpperCase(), ' ' + t]) {
      expect(tokenMatches(t, wrong)).toBe(false)
    }
  })

  it('are read from a Bearer header only', () => {
    expect(bearerToken('Bearer abc-_1')).toBe('abc-_1')
    expect(bearerToken('bearer abc')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeNull()
    expect(bearerToken('Bearer')).toBeNull()
    expect(bearerToken('Bearer a b')).toBeNull()
    expect(bearerToken(undefined)).toBeNull()
  })
})

describe('host policy (DNS rebinding and cross-site defence)', () => {
  it('accepts loopback names and the bound host with the bound port only', () => {
    const p = createHostPolicy('127.0.0.1', 4000)
    for (const ok of ['127.0.0.1:4000', 'localhost:4000', 'LocalHost:4000', '[::1]:4000']) expect(p.hostAllowed(ok), ok).toBe(true)
    for (const bad of [undefined, '', '127.0.0.1', '127.0.0.1:4001', 'evil.example:4000', '10.0.0.5:4000', 'localhost.evil:4000', '127.0.0.1:4000.evil']) {
      expect(p.hostAllowed(bad), String(bad)).toBe(false)
    }
  })

  it('accepts a named bound host, and any IP literal (never a DNS name) when bound to a wildcard', () => {
    expect(createHostPolicy('devbox.local', 4000).hostAllowed('devbox.local:4000')).toBe(true)
    const wild = createHostPolicy('0.0.0.0', 4000)
    expect(wild.hostAllowed('192.168.1.20:4000')).toBe(true)
    expect(wild.hostAllowed('[fe80::1]:4000')).toBe(true)
    expect(wild.hostAllowed('evil.example:4000')).toBe(false)
    expect(wild.hostAllowed('192.168.1.20:4001')).toBe(false)
  })

  it('accepts no Origin (curl, scripts) and http:// origins of allowed hosts only', () => {
    const p = createHostPolicy('127.0.0.1', 4000)
    expect(p.originAllowed(undefined)).toBe(true)
    expect(p.originAllowed('http://127.0.0.1:4000')).toBe(true)
    expect(p.originAllowed('http://localhost:4000')).toBe(true)
    for (const bad of ['null', '', 'http://evil.example', 'http://evil.example:4000', 'https://127.0.0.1:4000', 'http://127.0.0.1:4001', 'http://127.0.0.1', 'file://']) {
      expect(p.originAllowed(bad), bad).toBe(false)
    }
  })

  it('handles the default port 80, where browsers leave the port out', () => {
    const p = createHostPolicy('127.0.0.1', 80)
    expect(p.hostAllowed('127.0.0.1')).toBe(true)
    expect(p.hostAllowed('localhost:80')).toBe(true)
    expect(p.originAllowed('http://localhost')).toBe(true)
    expect(p.originAllowed('http://evil.example')).toBe(false)
  })
})
