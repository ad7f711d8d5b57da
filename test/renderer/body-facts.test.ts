import { describe, expect, it } from 'vitest'
import {
  bodyFacts,
  convertLineEndings,
  decodeExact,
  lineEndingsOf,
  stripTrailingNewline,
  utf8ByteLength
} from '../../src/renderer/src/features/verify/body-facts'

describe('body facts', () => {
  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(utf8ByteLength('{"a":1}')).toBe(7)
    expect(utf8ByteLength('é')).toBe(2)
    expect(utf8ByteLength('😀')).toBe(4)
    expect(utf8ByteLength('\uFEFF{}')).toBe(5)
  })

  it('tells line endings apart', () => {
    expect(lineEndingsOf('{}')).toBe('none')
    expect(lineEndingsOf('a\nb\n')).toBe('lf')
    expect(lineEndingsOf('a\r\nb\r\n')).toBe('crlf')
    expect(lineEndingsOf('a\rb')).toBe('cr')
    expect(lineEndingsOf('a\r\nb\n')).toBe('mixed')
  })

  it('reports a trailing newline, a BOM and outer whitespace', () => {
    expect(bodyFacts('{}\n')).toMatchObject({ endsWithNewline: true, bom: false, outerWhitespace: true, bytes: 3 })
    expect(bodyFacts('{}')).toMatchObject({ endsWithNewline: false, bom: false, outerWhitespace: false })
    expect(bodyFacts('\uFEFF{}')).toMatchObject({ bom: true, outerWhitespace: false, bytes: 5 })
    expect(bodyFacts('')).toMatchObject({ bytes: 0, endsWithNewline: false, lineEndings: 'none', outerWhitespace: false })
  })

  it('fixes the usual culprits exactly', () => {
    expect(stripTrailingNewline('{}\r\n')).toBe('{}')
    expect(stripTrailingNewline('{}\n\n')).toBe('{}\n')
    expect(convertLineEndings('a\nb\r\nc\rd', 'crlf')).toBe('a\r\nb\r\nc\r\nd')
    expect(convertLineEndings('a\r\nb\r\n', 'lf')).toBe('a\nb\n')
  })

  it('decodes file bytes keeping the BOM and CRLF, and refuses invalid UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0x0d, 0x0a])
    expect(decodeExact(bytes)).toBe('\uFEFF{}\r\n')
    expect(decodeExact(new Uint8Array([0x7b, 0xff, 0x7d]))).toBeNull()
  })
})
