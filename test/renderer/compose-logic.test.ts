import { describe, expect, it } from 'vitest'
import type { Endpoint } from '../../src/shared/models'
import { eventOfBody, groupEvents, initialSelection, jsonProblem } from '../../src/renderer/src/features/compose/compose-logic'

function endpoint(id: string, active: boolean): Endpoint {
  return {
    id,
    name: id,
    url: 'https://example.com',
    active,
    headers: [],
    timeoutMs: 10000,
    allowLocalHttp: false,
    insecureTls: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z'
  }
}

describe('composer rules', () => {
  it('groups the catalog Submission / Invitation / AML', () => {
    const groups = groupEvents([
      { name: 'aml.match.found', group: 'aml', description: '', documented: true },
      { name: 'submission.created', group: 'submission', description: '', documented: false },
      { name: 'submission.completed', group: 'submission', description: '', documented: true }
    ])
    expect(groups.map((g) => [g.label, g.events.map((e) => e.name)])).toEqual([
      ['Submission', ['submission.created', 'submission.completed']],
      ['AML', ['aml.match.found']]
    ])
  })

  it('preselects active endpoints, or only the one a test webhook came from', () => {
    const eps = [endpoint('a', true), endpoint('b', false), endpoint('c', true)]
    expect(initialSelection(eps, null)).toEqual(['a', 'c'])
    expect(initialSelection(eps, 'b')).toEqual(['b'])
    expect(initialSelection(eps, 'gone')).toEqual([])
  })

  it('reads JSON problems and the event field', () => {
    expect(jsonProblem('{"a":1}')).toBeNull()
    expect(jsonProblem('{"a":')).toBeTruthy()
    expect(eventOfBody('{"event":"aml.match.found"}')).toBe('aml.match.found')
    expect(eventOfBody('{"event":3}')).toBeNull()
    expect(eventOfBody('nope')).toBeNull()
  })
})
