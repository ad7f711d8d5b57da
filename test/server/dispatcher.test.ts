import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/shared/dispatcher'
import { methods } from '../../src/shared/contract'
import { WorkbenchError } from '../../src/shared/errors'
import type { WorkbenchApi } from '../../src/shared/workbench-api'

// The dispatcher's target is core's WorkbenchApi itself (src/shared/workbench-api.ts): one type, nothing to keep in step.

/**
 * A small hand-written implementation of a few namespaces: these tests are about the
 * dispatcher's own rules (lookup, parsing, error mapping), not the engine. The server tests
 * drive the dispatcher against a real Workbench.
 */
function fakeWorkbench(overrides: Record<string, Record<string, (input: never) => Promise<unknown>>> = {}) {
  const seen: { method: string; input: unknown }[] = []
  const target = {
    app: {
      info: async (input: unknown) => {
        seen.push({ method: 'app.info', input })
        return { version: '0.0.0', dataDir: '/d', dbFile: '/d/w.sqlite', caCertPath: '/d/ca.pem', transport: 'web', internalSecret: 'x' }
      }
    },
    signing: {
      sign: async (input: { body: string; secret: string }) => {
        seen.push({ method: 'signing.sign', input })
        return { signature: `sig(${input.body})` }
      }
    },
    listeners: {
      create: async (input: unknown) => {
        seen.push({ method: 'listeners.create', input })
        return { wrong: true }
      }
    },
    ...overrides
  }
  return { target: target as unknown as WorkbenchApi, seen }
}

function collectingLog() {
  const lines: string[] = []
  return { lines, log: (message: string, err?: unknown) => void lines.push(err === undefined ? message : `${message}: ${String(err)}`) }
}

describe('createDispatcher', () => {
  it('lists every contract method', () => {
    const { target } = fakeWorkbench()
    expect(createDispatcher(target).methods.sort()).toEqual(Object.keys(methods).sort())
  })

  it('answers an unknown method with bad-input naming it', async () => {
    const { target } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('nope.nothing', {})
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    if (!reply.ok) expect(reply.error.message).toContain('unknown method "nope.nothing"')
  })

  it('does not treat prototype keys as methods', async () => {
    const { target } = fakeWorkbench()
    const d = createDispatcher(target)
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const reply = await d.dispatch(name, {})
      expect(reply.ok).toBe(false)
      if (!reply.ok) expect(reply.error.code).toBe('bad-input')
    }
  })

  it('parses input and passes the parsed value (defaults applied) to the service', async () => {
    const { target, seen } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('signing.sign', { body: '{"a":1}', secret: 's3cret' })
    expect(reply).toEqual({ ok: true, result: { signature: 'sig({"a":1})' } })
    expect(seen).toEqual([{ method: 'signing.sign', input: { body: '{"a":1}', secret: 's3cret' } }])
  })

  it('treats a missing input as an empty object', async () => {
    const { target, seen } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('app.info', undefined)
    expect(reply.ok).toBe(true)
    expect(seen[0].input).toEqual({})
  })

  it('refuses bad input with the field paths and the zod issues as details', async () => {
    const { target, seen } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('signing.sign', { body: 42, secret: '' })
    expect(seen).toEqual([])
    expect(reply.ok).toBe(false)
    if (reply.ok) return
    expect(reply.error.code).toBe('bad-input')
    expect(reply.error.message).toContain('signing.sign')
    expect(reply.error.message).toMatch(/body: expected string/)
    expect(reply.error.message).toContain('secret')
    const details = reply.error.details as { path: unknown[]; code: string }[]
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining([['body'], ['secret']]))
    // Details travel over JSON and structured clone unchanged.
    expect(JSON.parse(JSON.stringify(details))).toEqual(details)
  })

  it('refuses a non-object input', async () => {
    const { target } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('signing.sign', 'just a string')
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } })
  })

  it('strips output fields the contract does not declare', async () => {
    const { target } = fakeWorkbench()
    const reply = await createDispatcher(target).dispatch('app.info', {})
    expect(reply.ok).toBe(true)
    if (reply.ok) expect(reply.result).not.toHaveProperty('internalSecret')
  })

  it('turns an output that breaks the contract into an internal error and logs it', async () => {
    const { target } = fakeWorkbench()
    const { lines, log } = collectingLog()
    const reply = await createDispatcher(target, { log }).dispatch('listeners.create', { port: 0 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!reply.ok) {
      expect(reply.error.message).toContain('listeners.create')
      expect(Array.isArray(reply.error.details)).toBe(true)
    }
    expect(lines.join('\n')).toContain('listeners.create')
  })

  it('passes a WorkbenchError through as code, message and details', async () => {
    const { target } = fakeWorkbench({
      endpoints: {
        remove: async () => {
          throw new WorkbenchError('not-found', 'endpoint "e1" does not exist', { id: 'e1' })
        }
      }
    })
    const reply = await createDispatcher(target).dispatch('endpoints.remove', { id: 'e1' })
    expect(reply).toEqual({ ok: false, error: { code: 'not-found', message: 'endpoint "e1" does not exist', details: { id: 'e1' } } })
  })

  it('turns any other throw (also a synchronous one) into a generic internal error; the detail goes only to the log', async () => {
    const { lines, log } = collectingLog()
    const { target } = fakeWorkbench({
      endpoints: {
        remove: (() => {
          throw new TypeError('boom')
        }) as never,
        list: async () => Promise.reject('a string')
      }
    })
    const d = createDispatcher(target, { log })
    const generic = (method: string) => ({
      ok: false,
      error: { code: 'internal', message: `"${method}" failed unexpectedly (a Workbench bug); the details are in the Workbench's log` }
    })
    expect(await d.dispatch('endpoints.remove', { id: 'e1' })).toEqual(generic('endpoints.remove'))
    expect(await d.dispatch('endpoints.list', {})).toEqual(generic('endpoints.list'))
    expect(lines).toHaveLength(2)
    expect(JSON.stringify(lines)).toContain('boom')
  })

  it('reports a contract method the Workbench lacks as internal, not a crash', async () => {
    const { lines, log } = collectingLog()
    const { target } = fakeWorkbench()
    const reply = await createDispatcher(target, { log }).dispatch('tls.ca', {})
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(lines).toHaveLength(1)
  })
})
