/**
 * The HTTP rules declared once in src/shared/http-rules.ts and the retry-schedule limits in
 * the model, through the engine's policies and the contract (which the CLI, HTTP and IPC
 * share). test/renderer/endpoint-form.test.ts runs the same tables through the form.
 */
import { describe, expect, it } from 'vitest'
import { checkCustomHeaders } from '../../src/core/sender/header-policy'
import { checkTargetUrl } from '../../src/core/sender/url-policy'
import { methods } from '../../src/shared/contract'
import { isHttpToken, isLocalHost, reservedHeaderReason } from '../../src/shared/http-rules'
import { MAX_RETRY_WAIT_MS } from '../../src/shared/models'

describe('header names', () => {
  it.each([
    ['X-API-Key', true],
    ['Authorization', true],
    ["!#$%&'*+-.^_`|~09az", true],
    ['Bad Name', false],
    ['X:Y', false],
    ['', false],
    ['Ünicode', false],
    ['X-A\r\n', false]
  ])('%j is a header name: %s', (name, ok) => {
    expect(isHttpToken(name)).toBe(ok)
  })
})

describe('reserved headers: the engine refuses what the shared list names', () => {
  it.each([
    ['Content-Type', true],
    ['content-type', true],
    ['X-SmartKYC-Signature', true],
    ['Content-Length', true],
    ['X-API-Key', false],
    ['User-Agent', false]
  ])('%s reserved: %s', (name, reserved) => {
    expect(reservedHeaderReason(name) !== null).toBe(reserved)
    const engine = (() => {
      try {
        checkCustomHeaders([[name, 'v']])
        return null
      } catch (err) {
        return (err as Error).message
      }
    })()
    if (reserved) {
      expect(engine).toMatch(new RegExp(`custom header ${name} cannot be set`))
    } else {
      expect(engine).toBeNull()
    }
  })
})

describe('local hosts: the shared rule is the engine\'s', () => {
  it.each([
    ['localhost', true],
    ['localhost.', true],
    ['LOCALHOST', true],
    ['app.localhost', true],
    ['app.localhost.', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
    ['[::ffff:a00:1]', false],
    ['example.test', false]
  ])('%s is local: %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local)
    const url = `http://${host}:3000/hooks`
    const engineAccepts = (() => {
      try {
        checkTargetUrl(url, { allowLocalHttp: true })
        return true
      } catch {
        return false
      }
    })()
    expect(engineAccepts).toBe(local)
  })
})

describe('retry schedule limits live in the contract', () => {
  const update = methods['settings.update'].input
  it.each([
    [[], null],
    [[5_000, 30_000, 120_000], null],
    [Array.from({ length: 20 }, () => 100), null],
    [[MAX_RETRY_WAIT_MS], null],
    [Array.from({ length: 21 }, () => 100), '21 retries is too many: list at most 20'],
    [[1_000, MAX_RETRY_WAIT_MS + 1], `${MAX_RETRY_WAIT_MS + 1} ms is longer than a day: use at most ${MAX_RETRY_WAIT_MS}`],
    [[30_000, 5_000], 'the waits must not shrink: 5000 ms comes after 30000 ms']
  ])('%j: %s', (waits, problem) => {
    const parsed = update.safeParse({ retryScheduleMs: waits })
    if (problem === null) expect(parsed.success).toBe(true)
    else expect(parsed.error?.issues.map((i) => i.message)).toEqual([problem])
  })
})
