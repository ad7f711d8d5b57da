import { describe, expect, it } from 'vitest'
import { countMarks, describeMarks, hexRow, hexRowText, markAt, rowCount } from '../../src/renderer/src/ui/hex-rows'

const utf8 = (s: string) => new TextEncoder().encode(s)
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)))
const marks = (b: Uint8Array) => [...b].map((_, i) => markAt(b, i) ?? '-')

describe('hex rows: a classic dump', () => {
  it('offset, 16 bytes in hex and their ASCII per row', () => {
    const b = utf8('Hello, world!\x00\x01\x02xyz')
    expect(rowCount(b)).toBe(2)
    expect(hexRowText(hexRow(b, 0))).toBe('00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 00 01 02  |Hello, world!\u2205..|')
    expect(hexRow(b, 1)).toEqual({ offset: '00000010', cells: [{ hex: '78', ascii: 'x' }, { hex: '79', ascii: 'y' }, { hex: '7a', ascii: 'z' }] })
    expect(rowCount(new Uint8Array(0))).toBe(0)
  })

  it('formats any row of a 10 MB body without touching the rest', () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x41)
    expect(rowCount(big)).toBe(655_360)
    expect(hexRow(big, 655_359).offset).toBe('009ffff0')
  })
})

describe('hex rows: the bytes that break signatures are marked', () => {
  it('BOM, CRLF and NUL', () => {
    const b = bytes([0xef, 0xbb, 0xbf], '{\r\n', [0], '}')
    expect(marks(b)).toEqual(['bom', 'bom', 'bom', '-', 'cr', 'lf', 'nul', '-'])
    const cells = hexRow(b, 0).cells
    expect(cells.map((c) => c.ascii).join('')).toBe('...{\u2190\u21b5\u2205}')
  })

  it('multi-byte UTF-8 apart from stray bytes that are not UTF-8', () => {
    // "é" (c3 a9), then a lone continuation byte, a lone lead byte, an overlong c0 80, and a surrogate ed a0 80.
    const b = bytes('é', [0xa9], 'x', [0xc3], 'y', [0xc0, 0x80], [0xed, 0xa0, 0x80], '€')
    expect(marks(b)).toEqual(['utf8', 'utf8', 'invalid', '-', 'invalid', '-', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'utf8', 'utf8', 'utf8'])
  })

  it('a character split across two rows is still UTF-8 on both sides', () => {
    const b = bytes('x'.repeat(15), '€')
    expect(markAt(b, 15)).toBe('utf8')
    expect(hexRow(b, 1).cells.map((c) => c.mark)).toEqual(['utf8', 'utf8'])
  })

  it('a BOM only at the start', () => {
    expect(marks(bytes('a', [0xef, 0xbb, 0xbf]))).toEqual(['-', 'utf8', 'utf8', 'utf8'])
  })
})

describe('hex rows: the legend counts what is marked', () => {
  it('counts CRLF once per line ending, lone CR and LF, NUL, controls, characters and stray bytes', () => {
    const b = bytes([0xef, 0xbb, 0xbf], '{\r\n"a":"é"\r\n}\n\r', [0, 0x01, 0x09, 0xff])
    expect(countMarks(b)).toEqual({ bytes: b.length, bom: true, crlf: 2, lf: 1, cr: 1, nul: 1, control: 1, utf8Chars: 1, invalid: 1 })
    expect(describeMarks(countMarks(b))).toEqual([
      'BOM',
      '2 CRLF',
      '1 LF',
      '1 lone CR',
      '1 NUL byte',
      '1 control byte',
      '1 multi-byte UTF-8 character',
      '1 stray byte (not UTF-8)'
    ])
  })

  it('says nothing for plain ASCII JSON', () => {
    expect(describeMarks(countMarks(utf8('{"event":"aml.match.found"}')))).toEqual([])
  })
})
