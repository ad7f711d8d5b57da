import { describe, expect, it } from 'vitest'
import { replyHeaderProblem } from '../../src/shared/http-rules'
import { ListenerInput } from '../../src/shared/models'
import {
  emptyListenerForm,
  formFromListener,
  maskSecret,
  pairRow,
  validateListenerForm
} from '../../src/renderer/src/features/listeners/listener-form'
import { caInstructions } from '../../src/renderer/src/features/listeners/ca-instructions'

describe('listener form', () => {
  it('turns the default form into an input the contract accepts', () => {
    const r = validateListenerForm(emptyListenerForm())
    expect(r.errors).toBeNull()
    const parsed = ListenerInput.parse(r.input)
    expect(parsed).toMatchObject({ host: '127.0.0.1', port: 8443, protocol: 'https', bodyLimitBytes: 10 * 1024 * 1024, forwardTo: null })
    expect(parsed.rule).toMatchObject({ status: 200, failureRate: 0, headers: [['Content-Type', 'application/json']] })
  })

  it('converts percent and MiB to the contract units and drops blank header rows', () => {
    const f = { ...emptyListenerForm(), failureRatePercent: '12.5', bodyLimitMiB: '0.5', headers: [pairRow('X-A', '1'), pairRow('', '')] }
    const r = validateListenerForm(f)
    expect(r.input?.rule?.failureRate).toBe(0.125)
    expect(r.input?.bodyLimitBytes).toBe(512 * 1024)
    expect(r.input?.rule?.headers).toEqual([['X-A', '1']])
  })

  it('names the bad value and what to do', () => {
    const r = validateListenerForm({
      ...emptyListenerForm(),
      name: ' ',
      port: '70000',
      status: '99',
      failureRatePercent: '101',
      forwardTo: 'ftp://x',
      headers: [pairRow('Bad Name', 'v')]
    })
    expect(r.errors).toMatchObject({
      name: 'Give the listener a name',
      port: '"70000" is not a port: use 1-65535 (0 picks a free one)',
      status: '"99" is not an HTTP status: use 100-599',
      failureRatePercent: 'Use a percentage from 0 to 100',
      forwardTo: '"ftp://x" is not an http:// or https:// URL'
    })
    // The engine's own words (replyHeaderProblem), as listeners.create refuses it.
    expect(r.errors?.headers).toBe(replyHeaderProblem(['Bad Name', 'v']))
    expect(r.errors?.headers).toContain('the reply header "Bad Name": "v" cannot be sent over HTTP')
  })

  it('refuses a header value with a line break (header injection)', () => {
    const r = validateListenerForm({ ...emptyListenerForm(), headers: [pairRow('X-A', 'a\r\nSet-Cookie: x')] })
    expect(r.errors?.headers).toBe('the reply header "X-A": "a\\r\\nSet-Cookie: x" cannot be sent over HTTP: use a name of letters, digits and - and a one-line value of printable characters')
  })

  it('round-trips a stored listener through the form', () => {
    const input = ListenerInput.parse({ name: 'L', port: 9000, secrets: ['s1'], rule: { failureRate: 0.3, delayMs: 50 }, forwardTo: 'http://localhost:3000/x' })
    const listener = { ...input, id: 'lis_1', createdAt: '', updatedAt: '', state: { id: 'lis_1', status: 'stopped' as const, url: null, error: null } }
    const r = validateListenerForm(formFromListener(listener))
    expect(r.errors).toBeNull()
    expect(ListenerInput.parse(r.input)).toEqual(input)
  })

  it('masks secrets, keeping only the last 4 characters', () => {
    expect(maskSecret('whsec_abcdef1234')).toBe('••••••••1234')
    expect(maskSecret('abc')).toBe('••••')
  })
})

describe('CA trust instructions', () => {
  it('fills in the quoted path for each platform', () => {
    const path = '/home/me/.config/kyc hooks/ca.crt'
    expect(caInstructions('macos', path)[0].command).toBe(
      `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain '/home/me/.config/kyc hooks/ca.crt'`
    )
    expect(caInstructions('windows', 'C:\\Users\\me\\ca.crt')[0].command).toBe('certutil -addstore -user Root C:\\Users\\me\\ca.crt')
    expect(caInstructions('linux', '/d/ca.crt')[0].command).toContain('sudo update-ca-certificates')
    expect(caInstructions('tools', '/d/ca.crt').map((s) => s.command)).toEqual(['NODE_EXTRA_CA_CERTS=/d/ca.crt node server.js', 'curl --cacert /d/ca.crt https://127.0.0.1:8443/'])
  })
})
