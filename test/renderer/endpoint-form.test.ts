import { describe, expect, it } from 'vitest'
import { emptyEndpointForm, formFromEndpoint, headerRow, validateEndpointForm } from '../../src/renderer/src/features/endpoints/endpoint-form'
import { customHeaderProblem, isLocalHost, targetUrlProblem } from '../../src/shared/http-rules'

function form(patch: Partial<ReturnType<typeof emptyEndpointForm>>) {
  return { ...emptyEndpointForm(), name: 'Staging', url: 'https://api.example.com/hooks', ...patch }
}

/** What the form says beside the URL field for `url`, or null when it accepts it. */
function urlError(url: string, allowLocalHttp: boolean): string | null {
  return validateEndpointForm(form({ url, allowLocalHttp })).errors.url ?? null
}

describe('endpoint form', () => {
  it('accepts an HTTPS endpoint and builds the contract input', () => {
    const { errors, input } = validateEndpointForm(
      form({ headers: [headerRow('Authorization', 'Bearer t'), headerRow('', ''), headerRow('X-API-Key', 'k')], timeoutMs: '5000' })
    )
    expect(errors).toEqual({})
    expect(input).toEqual({
      name: 'Staging',
      url: 'https://api.example.com/hooks',
      active: true,
      headers: [
        ['Authorization', 'Bearer t'],
        ['X-API-Key', 'k']
      ],
      timeoutMs: 5000,
      allowLocalHttp: false,
      insecureTls: false
    })
  })

  it('refuses http:// unless the host is local and the box is ticked', () => {
    expect(urlError('http://api.example.com/x', true)).toMatch(/not HTTPS and api\.example\.com is not this machine/)
    expect(urlError('http://localhost:3000/x', false)).toMatch(/for a local handler, allow http:\/\/localhost/)
    expect(urlError('http://localhost:3000/x', true)).toBeNull()
    expect(urlError('http://127.0.0.1:3000/x', true)).toBeNull()
    expect(urlError('http://[::1]:3000/x', true)).toBeNull()
    expect(urlError('ftp://example.com', true)).toMatch(/not an HTTPS URL \(ftp\)/)
    expect(urlError('not a url', false)).toMatch(/^not a url is not a valid URL/)
    expect(urlError('https://', false)).toMatch(/https:\/\/ is not a valid URL: write it in full/)
    expect(urlError('', false)).toMatch(/enter the endpoint URL/)
  })

  it('knows local hosts', () => {
    expect(isLocalHost('localhost')).toBe(true)
    expect(isLocalHost('app.localhost')).toBe(true)
    expect(isLocalHost('127.1.2.3')).toBe(true)
    expect(isLocalHost('[::1]')).toBe(true)
    expect(isLocalHost('localhost.example.com')).toBe(false)
    expect(isLocalHost('10.0.0.1')).toBe(false)
  })

  it('names the bad field and value', () => {
    const bad = validateEndpointForm(form({ name: ' ', timeoutMs: '50', headers: [headerRow('Bad Name', 'x')] }))
    expect(bad.input).toBeNull()
    expect(bad.errors.name).toMatch(/name/)
    expect(bad.errors.timeoutMs).toMatch(/timeout 50 is not allowed/)
    expect(bad.errors.headers).toMatch(/"Bad Name" is not a valid HTTP header name/)
    expect(validateEndpointForm(form({ timeoutMs: 'soon' })).errors.timeoutMs).toMatch(/"soon" is not a whole number/)
    expect(validateEndpointForm(form({ headers: [headerRow('X-SmartKYC-Signature', 'x')] })).errors.headers).toMatch(/X-SmartKYC-Signature cannot be set/)
    expect(validateEndpointForm(form({ headers: [headerRow('X-A', 'a\r\nInjected: 1')] })).errors.headers).toMatch(/line break/)
    expect(validateEndpointForm(form({ headers: [headerRow('', 'orphan')] })).errors.headers).toMatch(/header name "" is not a valid HTTP header name/)
  })

  it('round-trips a saved endpoint', () => {
    const f = formFromEndpoint({
      id: 'ep_1',
      name: 'Local',
      url: 'http://localhost:4000/h',
      active: false,
      headers: [['X-API-Key', 'abc']],
      timeoutMs: 2000,
      allowLocalHttp: true,
      insecureTls: true,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z'
    })
    expect(validateEndpointForm(f).input).toMatchObject({ url: 'http://localhost:4000/h', active: false, headers: [['X-API-Key', 'abc']], timeoutMs: 2000 })
  })

  it('refuses Content-Type, which the engine refuses, and accepts the local hosts the engine accepts (shared rules)', () => {
    expect(validateEndpointForm(form({ headers: [headerRow('Content-Type', 'text/plain')] })).errors.headers).toMatch(/Content-Type cannot be set/)
    expect(validateEndpointForm(form({ headers: [headerRow('content-length', '3')] })).errors.headers).toMatch(/content-length cannot be set/)
    expect(isLocalHost('localhost.')).toBe(true)
    expect(isLocalHost('[::ffff:7f00:1]')).toBe(true)
    expect(urlError('http://localhost.:3000/hooks', true)).toBeNull()
    expect(urlError('http://[::ffff:7f00:1]:3000/hooks', true)).toBeNull()
    expect(validateEndpointForm(form({ url: 'http://localhost.:3000/hooks', allowLocalHttp: true })).input).toMatchObject({ url: 'http://localhost.:3000/hooks' })
  })

  it.each([
    ['Content-Type', true],
    ['content-type', true],
    ['X-SmartKYC-Signature', true],
    ['Content-Length', true],
    ['X-API-Key', false],
    ['User-Agent', false]
  ])('header %s is refused as set by the Workbench: %s (as the engine refuses it)', (name, reserved) => {
    const errors = validateEndpointForm(form({ headers: [headerRow(name, 'v')] })).errors
    if (reserved) expect(errors.headers).toMatch(/cannot be set/)
    else expect(errors.headers).toBeUndefined()
  })

  it.each([
    ['Content-Type', 'text/plain'],
    ['Transfer-Encoding', 'chunked'],
    ['Proxy-Authorization', 'x'],
    ['Bad Header', 'x'],
    ['X-A', 'caf\u00e9 \u2615'],
    ['X-A', 'a\nb']
  ])('refuses the custom header %s: %s with the engine\'s own words', (name, value) => {
    // The words the engine's header policy throws (src/core/sender/header-policy).
    const expected = customHeaderProblem([name, value])
    expect(expected).not.toBeNull()
    expect(validateEndpointForm(form({ headers: [headerRow('X-Fine', '1'), headerRow(name, value)] })).errors.headers).toBe(expected)
  })

  it.each([
    ['http://api.example.com/hooks', false],
    ['http://api.example.com/hooks', true],
    ['http://localhost:3000/hooks', false],
    ['ftp://example.com/x', true],
    ['https://user:pw@example.com/x', false],
    ['example.com/hooks', false]
  ])('refuses the URL %s (allow http://localhost: %s) with the engine\'s own words', (url, allowLocalHttp) => {
    // The words the engine's URL policy throws (src/core/sender/url-policy).
    const expected = targetUrlProblem(url, allowLocalHttp)
    expect(expected).not.toBeNull()
    expect(urlError(url, allowLocalHttp)).toBe(expected)
  })

  it.each([
    ['localhost', true],
    ['localhost.', true],
    ['app.localhost.', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
    ['[::ffff:a00:1]', false]
  ])('http:// to %s is allowed with the box ticked: %s (as the engine allows it)', (host, local) => {
    expect(urlError(`http://${host}:3000/hooks`, true) === null).toBe(local)
  })
})
