/**
 * `serve`'s HTTP API against a crafted signature: signing.verify answers with a verdict
 * (never a 500), and the verdict stays small.
 */
import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/index'
import { Scratch, callApi } from './helpers'

const scratch = new Scratch()
afterEach(() => scratch.cleanup())

describe('serve: signing.verify with a crafted header', () => {
  it('6,500 "a=" prefixes: 200 with an invalid verdict naming the problem, not a 500', async () => {
    const wb = await scratch.workbench()
    const server = await startServer({ workbench: wb, port: 0, rendererDir: scratch.dir(), token: undefined })
    scratch.defer(() => server.close())
    const body = '{"event":"submission.completed"}'
    const signature = 'a='.repeat(6500) + createHmac('sha256', 'pasted-secret').update(body).digest('hex')
    const res = await callApi(server.port, server.token, 'signing.verify', { body, signature, secrets: ['pasted-secret'], useStored: false })
    // Before: 500 "Maximum call stack size exceeded".
    expect(res.status, res.body).toBe(200)
    const verdict = (res.json as { result: { status: string; diagnosis: { code: string; message: string } } }).result
    expect(verdict.status).toBe('invalid')
    expect(verdict.diagnosis.code).toBe('malformed-signature')
    expect(res.body.length).toBeLessThan(4096)
    expect(res.body).not.toMatch(/call stack/i)
  })
})
