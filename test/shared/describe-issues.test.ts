// The dispatcher (IPC, HTTP) and the CLI put zod issues into the same words.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeError } from '../../src/cli/errors'
import { methods } from '../../src/shared/contract'
import { describeIssues } from '../../src/shared/describe-issues'
import { createDispatcher } from '../../src/shared/dispatcher'
import type { WorkbenchApi } from '../../src/shared/workbench-api'

describe('describeIssues', () => {
  it('gives the CLI the words the dispatcher uses for the same bad input', async () => {
    const input = { body: 42, secret: '' }
    const reply = await createDispatcher({} as WorkbenchApi).dispatch('signing.sign', input)
    if (reply.ok) throw new Error('the dispatcher accepted bad input')
    const parsed = methods['signing.sign'].input.safeParse(input)
    if (parsed.success) throw new Error('the schema accepted bad input')
    expect(reply.error.message).toBe(`invalid input for "signing.sign": ${describeError(parsed.error)}`)
    expect(describeError(parsed.error)).toMatch(/^body: expected string, received number; secret: /)
  })

  it('names the whole input as (input) and shows at most five issues', () => {
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string(), f: z.string(), g: z.string() })
    expect(describeIssues(z.string().safeParse(1).error!.issues)).toBe('(input): expected string, received number')
    expect(describeIssues(schema.safeParse({}).error!.issues)).toBe(
      'a: expected string, received undefined; b: expected string, received undefined; c: expected string, received undefined; ' +
        'd: expected string, received undefined; e: expected string, received undefined; and 2 more'
    )
  })
})
