import { describe, expect, it } from 'vitest'
import {
  base64ToBytes,
  decodeUtf8Strict,
  formatBytes,
  hexDump,
  lineOfPointer,
  prettyJson,
  prettyJsonWithLines
} from '../../src/renderer/src/features/inbox/body-format'
import { diffRuns, differingCount, unrelatedDigests } from '../../src/renderer/src/features/inbox/signature-diff'
import { curlExample, sendExample } from '../../src/renderer/src/features/inbox/empty-commands'
import { shellArg as shellQuote } from '../../src/shared/shell-quote'

const utf8 = (s: string) => new TextEncoder().encode(s)
const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0))

describe('body bytes', () => {
  it('decodes base64 to the exact bytes', () => {
    expect([...base64ToBytes(btoa('\x00\xff\n'))]).toEqual([0, 255, 10])
    expect(base64ToBytes('%%%not base64').length).toBe(0)
  })

  it('decodes valid UTF-8 (keeping a BOM) and refuses invalid bytes', () => {
    expect(decodeUtf8Strict(utf8('\uFEFF{"a":"é"}'))).toBe('\uFEFF{"a":"é"}')
    expect(decodeUtf8Strict(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBeNull()
  })

  it('prints a hex dump with offsets, hex and printable ASCII', () => {
    const dump = hexDump(latin1('Hello, world!\x00\x01\x02xyz'))
    const lines = dump.split('\n')
    expect(lines[0]).toBe('00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 00 01 02  |Hello, world!...|')
    expect(lines[1].startsWith('00000010  78 79 7a ')).toBe(true)
    expect(lines[1].endsWith('|xyz|')).toBe(true)
  })

  it('says how many bytes a truncated dump left out', () => {
    expect(hexDump(new Uint8Array(40), 16).split('\n').at(-1)).toBe('… 24 more bytes not shown')
  })

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(2048)).toBe('2.0 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})

describe('pretty JSON with pointer lines', () => {
  const samples: unknown[] = [
    { event: 'aml.match.found', data: { matchScore: 2, list: [1, { a: null }], empty: {}, none: [] }, 'we/ird~key': true },
    [],
    'text',
    [[], [[1]]]
  ]
  it.each(samples.map((s) => [JSON.stringify(s), s]))('prints exactly what JSON.stringify(v, null, 2) prints: %s', (_, v) => {
    expect(prettyJsonWithLines(v).text).toBe(JSON.stringify(v, null, 2))
  })

  it('knows the line of every pointer, with escaped tokens', () => {
    const p = prettyJson('{"event":"x","data":{"matchScore":2,"list":[1,{"a":null}]},"we/ird~key":true}')!
    const lines = p.text.split('\n')
    expect(lines[lineOfPointer(p, '/data/matchScore')! - 1]).toContain('"matchScore": 2')
    expect(lines[lineOfPointer(p, '/data/list/1/a')! - 1]).toContain('"a": null')
    expect(lines[lineOfPointer(p, '/we~1ird~0key')! - 1]).toContain('"we/ird~key": true')
  })

  it('falls back to the nearest parent for a pointer that does not exist (a missing required field)', () => {
    const p = prettyJson('{"data":{"x":1}}')!
    expect(lineOfPointer(p, '/data/submissionId')).toBe(2)
  })

  it('returns null for text that is not JSON', () => {
    expect(prettyJson('{nope')).toBeNull()
  })
})

describe('signature diff', () => {
  it('marks the characters that differ', () => {
    expect(diffRuns('abcDEF12', 'abcdef12')).toEqual([
      { text: 'abc', same: true },
      { text: 'DEF', same: false },
      { text: '12', same: true }
    ])
    expect(differingCount('abcDEF12', 'abcdef12')).toBe(3)
  })

  it('counts a length difference as differing', () => {
    expect(differingCount('sha256=ab', 'ab')).toBe(9)
    expect(diffRuns('ab', '')).toEqual([{ text: 'ab', same: false }])
  })
})

describe('empty inbox commands', () => {
  it('quotes values for a POSIX shell', () => {
    expect(shellQuote('https://127.0.0.1:8443/')).toBe('https://127.0.0.1:8443/')
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('/path with space/ca.crt')).toBe(`'/path with space/ca.crt'`)
  })

  it('builds the send and curl lines with the CA when there is one', () => {
    expect(sendExample('https://127.0.0.1:8443/')).toBe('kyc-hooks send submission.completed --to https://127.0.0.1:8443/')
    const curl = curlExample('https://127.0.0.1:8443/', '/data/ca.crt')
    expect(curl.startsWith('curl --cacert /data/ca.crt -X POST https://127.0.0.1:8443/ ')).toBe(true)
    expect(curlExample('http://127.0.0.1:8080/', null).startsWith('curl -X POST')).toBe(true)
  })
})

describe('unrelatedDigests', () => {
  it('tells two unrelated HMACs from a near miss', () => {
    const a = 'c7cdd4096705c6f7292bc353736243552adc9ab64548d5e347e8ae009c91bd20'
    const b = '735c301f95fa9fb60bc2801c103a6c184a2139755e05c8d234495af9f0f22e70'
    expect(unrelatedDigests(a, b)).toBe(true)
    expect(unrelatedDigests(a.toUpperCase(), a)).toBe(false)
    expect(unrelatedDigests(a.slice(0, 63) + 'f', a)).toBe(false)
  })
})

