import { describe, expect, it } from 'vitest'
import { applySets, parseSet } from '../../src/cli/set-path'

describe('--set path=value', () => {
  it('parses values as JSON when they parse, else as text', () => {
    expect(parseSet('data.status=approved').value).toBe('approved')
    expect(parseSet('data.matchScore=0.5').value).toBe(0.5)
    expect(parseSet('data.flag=true').value).toBe(true)
    expect(parseSet('data.id="123"').value).toBe('123')
    expect(parseSet('data.obj={"a":[1]}').value).toEqual({ a: [1] })
    expect(parseSet('data.note=a=b').value).toBe('a=b')
    expect(parseSet('data.empty=').value).toBe('')
  })

  it('edits nested fields, creating missing objects, and indexes arrays', () => {
    const payload = { event: 'x', data: { status: 'completed', list: [{ id: 1 }] } }
    applySets(payload, [parseSet('data.status=approved'), parseSet('data.responses.firstName=Ada'), parseSet('data.list.0.id=7')])
    expect(payload).toEqual({ event: 'x', data: { status: 'approved', responses: { firstName: 'Ada' }, list: [{ id: 7 }] } })
  })

  it('refuses paths that would reach the prototype, empty parts and missing =', () => {
    expect(() => parseSet('__proto__.polluted=1')).toThrow(/not allowed/)
    expect(() => parseSet('data.constructor.prototype.x=1')).toThrow(/not allowed/)
    expect(() => parseSet('data..x=1')).toThrow(/empty part/)
    expect(() => parseSet('data.status')).toThrow(/not path=value/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('explains when a path runs through a value that is not an object', () => {
    expect(() => applySets({ data: { status: 'x' } }, [parseSet('data.status.code=1')])).toThrow(/data\.status is a string, not an object/)
    expect(() => applySets({ list: [] }, [parseSet('list.name=1')])).toThrow(/is an array/)
    expect(() => applySets(5, [parseSet('a=1')])).toThrow(/payload is a number/)
  })
})
