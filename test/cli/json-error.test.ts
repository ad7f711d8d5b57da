import { describe, expect, it } from 'vitest'
import { findJsonError } from '../../src/cli/json-error'
import { parseJsonOrExplain } from '../../src/cli/send-body'

describe('findJsonError', () => {
  it('finds a trailing comma at the closing brace, by line and column', () => {
    const e = findJsonError('{\n  "a": 1,\n}')
    expect(e).toMatchObject({ line: 3, column: 1, message: 'Unexpected token }' })
    expect(e?.expected).toContain('property name')
  })

  it('accepts valid JSON of every kind, with a BOM', () => {
    for (const text of ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9\\n"', 'true', 'null', ' {"a":[1,{"b":null}],"c":"x"} ', '\ufeff{"a":1}']) {
      expect(findJsonError(text), text).toBeNull()
    }
  })

  it('reports the usual mistakes', () => {
    expect(findJsonError('')?.message).toBe('Unexpected end of JSON input')
    expect(findJsonError('{"a" 1}')).toMatchObject({ column: 6, message: 'Unexpected token 1' })
    expect(findJsonError("{'a': 1}")).toMatchObject({ column: 2, message: "Unexpected token '" })
    expect(findJsonError('[1, 2')?.message).toBe('Unexpected end of JSON input')
    expect(findJsonError('{"a": 1} x')?.message).toBe('Unexpected token x after the JSON value')
    expect(findJsonError('"tab\there"')?.message).toContain('Bad control character')
    expect(findJsonError('"\\q"')?.message).toBe('Bad escaped character in string')
    expect(findJsonError('"open')?.message).toBe('Unterminated string')
  })

  it('survives hostile nesting depth without overflowing the stack', () => {
    expect(findJsonError('['.repeat(200_000))?.message).toBe('Unexpected end of JSON input')
  })

  it('agrees with JSON.parse on which texts are valid', () => {
    const samples = ['{"a":1,}', '[,]', '01', '1.', '.5', '-', 'nul', '{"a":1}{', '[1 2]', '{"a":{"b":[true,false,null]}}', '"\\u12"']
    for (const text of samples) {
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      expect(findJsonError(text) === null, text).toBe(parses)
    }
  })
})

describe('parseJsonOrExplain', () => {
  it('names the source and the place in one message', () => {
    expect(() => parseJsonOrExplain('{\n  "a": 1,\n}', '--data payload.json')).toThrow(
      /^--data payload\.json is not valid JSON: Unexpected token } at line 3 column 1/
    )
  })
})
