/* eslint-disable no-control-regex -- these tests look for raw control characters on purpose */
import { describe, expect, it } from 'vitest'
import { escapeJsonText, formatTable, hasTerminalControls, jsonText, safeBlock, safeLine, snippet } from '../../src/cli/output'

describe('terminal-safe output', () => {
  it('makes ESC, CR, BEL, NUL, C1 and bidi controls visible on one line', () => {
    const hostile = 'a\u001b[31mred\r\u0007\u0000b\u009b2Jc\u202eevil\nx\ty'
    const safe = safeLine(hostile)
    expect(safe).toBe('a\\e[31mred\\r\\a\\0b\\x9b2Jc\\u202eevil\\nx\\ty')
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/)
  })

  it('keeps newlines and tabs in blocks but escapes every other control', () => {
    expect(safeBlock('line1\n\tline2\r\n\u001b]0;title\u0007')).toBe('line1\n\tline2\\r\n\\e]0;title\\a')
  })

  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'POST /webhooks?x=1 café ✓ 日本'
    expect(safeLine(text)).toBe(text)
  })

  it('writes JSON that stays valid and carries no raw C1, line separator or bidi character', () => {
    const value = { path: '/a\u009bb\u2028c\u202ed\u001be' }
    const text = jsonText(value)
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('aligns table columns after escaping, and clips only columns with a maximum', () => {
    const rows = [
      { id: 'cap_1', path: '/\u001b[2J' },
      { id: 'cap_22222222222222222222', path: '/a-very-long-path-that-goes-on' }
    ]
    const table = formatTable(rows, [
      { header: 'ID', value: (r) => r.id },
      { header: 'PATH', value: (r) => r.path, max: 10 }
    ])
    const lines = table.split('\n')
    const idWidth = 'cap_22222222222222222222'.length + 2
    expect(lines[0]).toBe('ID'.padEnd(idWidth) + 'PATH')
    expect(lines[1]).toBe('cap_1'.padEnd(idWidth) + '/\\e[2J')
    expect(lines[2]).toBe('cap_22222222222222222222'.padEnd(idWidth) + '/a-very-l…')
  })

  it('cuts snippets and makes them one safe line', () => {
    expect(snippet('ok\r\nDONE', 100)).toBe('ok\\r\\nDONE')
    expect(snippet('x'.repeat(10), 4)).toBe('xxxx…')
    expect(snippet(null)).toBe('')
  })
})

describe('escapeJsonText', () => {
  it('escapes raw C1, separators and bidi characters inside serialised JSON without changing its values', () => {
    const value = { a: 'x\u009b\u2028\u202ey', b: ['\u0085'] }
    const text = escapeJsonText(JSON.stringify(value, null, 2))
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u202e]/)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('knows when text holds terminal controls', () => {
    expect(hasTerminalControls('{"a":1}\n\t')).toBe(false)
    expect(hasTerminalControls('a\u001b[2Jb')).toBe(true)
  })
})
