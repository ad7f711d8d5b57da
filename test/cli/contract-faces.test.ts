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
}

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
  } satisfies Case<'captures.get'>
]

describe('one bad input, three faces, one answer', { timeout: SPAWN_TIMEOUT }, () => {
  it.each(cases)('$what', async ({ cli, method, input, code, message }) => {
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
    const run = await runCli([...cli, '--db', db])
    expect(run.code, run.err).toBe(2)
    expect(run.err).toBe(`kyc-hooks: ${direct.error.message}\n`)
  })
})
