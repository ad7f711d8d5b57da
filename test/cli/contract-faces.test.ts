/**
 * The CLI goes through the contract: the same bad input gets the same error code and the
 * same words from each face of the Workbench, the dispatcher driven directly (as Electron
 * IPC does), `serve`'s HTTP API, and the `kyc-hooks` child process (whose code is its exit
 * status 2 and whose message is its one stderr line).
 */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName } from '../../src/shared/contract'
import { createDispatcher } from '../../src/shared/dispatcher'
import { startServer } from '../../src/server/index'
import { Scratch, callApi } from '../server/helpers'
import { SPAWN_TIMEOUT, runCli } from './cli-process'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

interface Case<M extends MethodName = MethodName> {
  what: string
  cli: string[]
  method: M
  input: MethodInput<M>
  code: string
  message: RegExp
  /** CLI commands run on the CLI's database first (e.g. credentials, so no "Created…" note joins stderr). */
  setup?: string[][]
}

const withCredentials = [['credentials', 'create']]

const cases: Case[] = [
  {
    what: 'an endpoint without a name',
    cli: ['endpoints', 'add', '', 'https://example.test/webhooks'],
    method: 'endpoints.create',
    input: { name: '', url: 'https://example.test/webhooks' },
    code: 'bad-input',
    message: /^invalid input for "endpoints\.create": name: /
  } satisfies Case<'endpoints.create'>,
  {
    what: 'an endpoint name over 200 characters',
    cli: ['endpoints', 'add', 'n'.repeat(201), 'https://example.test/webhooks'],
    method: 'endpoints.create',
    input: { name: 'n'.repeat(201), url: 'https://example.test/webhooks' },
    code: 'bad-input',
    message: /^invalid input for "endpoints\.create": name: too big/
  } satisfies Case<'endpoints.create'>,
  {
    what: 'an endpoint that does not exist',
    cli: ['endpoints', 'update', 'end_nope', '--inactive'],
    method: 'endpoints.update',
    input: { id: 'end_nope', patch: { active: false } },
    code: 'not-found',
    message: /"end_nope" does not exist/
  } satisfies Case<'endpoints.update'>,
  {
    what: 'a capture that does not exist',
    cli: ['show', 'cap_nope'],
    method: 'captures.get',
    input: { id: 'cap_nope' },
    code: 'not-found',
    message: /"cap_nope" does not exist/
  } satisfies Case<'captures.get'>,
  {
    what: 'an audit signed with an empty secret',
    cli: ['audit', '--to', 'https://127.0.0.1:9/x', '--secret', ''],
    method: 'audit.run',
    input: { url: 'https://127.0.0.1:9/x', secret: '' },
    code: 'bad-input',
    message: /^invalid input for "audit\.run": secret: too small/
  } satisfies Case<'audit.run'>,
  {
    what: 'a mock platform on an empty host',
    cli: ['platform', '--port', '0', '--host', ''],
    method: 'platform.start',
    input: { port: 0, host: '' },
    code: 'bad-input',
    message: /^invalid input for "platform\.start": host: too small/,
    setup: withCredentials
  } satisfies Case<'platform.start'>,
  {
    what: 'a scenario run with an unknown name',
    cli: ['scenario', 'run', 'no-such-scenario', '--to', 'https://127.0.0.1:9/x'],
    method: 'scenarios.run',
    input: { name: 'no-such-scenario', options: { to: 'https://127.0.0.1:9/x' } },
    code: 'not-found',
    message: /^scenario "no-such-scenario" does not exist/,
    setup: withCredentials
  } satisfies Case<'scenarios.run'>,
  {
    what: 'a scenario run to an empty endpoint id',
    cli: ['scenario', 'run', 'happy-path', '--endpoint', ''],
    method: 'scenarios.run',
    input: { name: 'happy-path', options: { endpointId: '' } },
    code: 'bad-input',
    message: /^invalid input for "scenarios\.run": options\.endpointId: too small/,
    setup: withCredentials
  } satisfies Case<'scenarios.run'>
]

describe('one bad input, three faces, one answer', { timeout: SPAWN_TIMEOUT }, () => {
  it.each(cases)('$what', async ({ cli, method, input, code, message, setup = [] }) => {
    const wb = await scratch.workbench()
    const direct = await createDispatcher(wb, { log: () => undefined }).dispatch(method, input)
    expect(direct.ok).toBe(false)
    if (direct.ok) return
    expect(direct.error.code).toBe(code)
    expect(direct.error.message).toMatch(message)

    const token = 'faces-token'
    const server = await startServer({ workbench: wb, port: 0, rendererDir: scratch.dir(), token })
    scratch.defer(() => server.close())
    const overHttp = await callApi(server.port, token, method, input)
    expect(overHttp.json).toMatchObject({ ok: false, error: { code: direct.error.code, message: direct.error.message } })

    const db = path.join(scratch.dir(), 'cli.sqlite')
    for (const step of setup) {
      const prepared = await runCli([...step, '--db', db])
      expect(prepared.code, prepared.err).toBe(0)
    }
    const run = await runCli([...cli, '--db', db])
    expect(run.code, run.err).toBe(2)
    expect(run.err).toBe(`kyc-hooks: ${direct.error.message}\n`)
  })
})
