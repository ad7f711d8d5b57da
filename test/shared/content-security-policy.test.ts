// One CSP builder for the Electron header, serve's header and the page's meta tag.
import { describe, expect, it } from 'vitest'
import { META_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../src/shared/content-security-policy'

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts, Monaco blob: workers and inline styles, and no framing in a header', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
  })

  it('adds sockets to connect-src and inline scripts only when asked', () => {
    const policy = contentSecurityPolicy({ connect: ['ws://127.0.0.1:4000'] })
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4000;")
    expect(policy).toContain("script-src 'self';")
    expect(contentSecurityPolicy({ inlineScripts: true })).toContain("script-src 'self' 'unsafe-inline';")
  })

  it('leaves frame-ancestors out of the meta tag, which allows loopback sockets on any port', () => {
    expect(META_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
  })
})
