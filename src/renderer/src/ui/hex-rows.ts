/**
 * A classic hex dump (offset, 16 bytes in hex, their ASCII) as data, one row at a time, with
 * the bytes that break signatures marked: a UTF-8 byte order mark, CR and LF, NUL, other
 * control bytes, multi-byte UTF-8 and stray bytes that are not UTF-8 at all. Rows are built
 * on demand, so a virtualised view of a 10 MB body only ever formats the rows in sight.
 */

export const BYTES_PER_ROW = 16

export type ByteMark = 'bom' | 'cr' | 'lf' | 'nul' | 'control' | 'utf8' | 'invalid'

export interface HexCell {
  /** Two lowercase hex digits. */
  hex: string
  /** What the ASCII column shows: the character, an arrow for CR ← LF ↵ TAB →, ∅ for NUL, else a dot. */
  ascii: string
  /** Why the byte is highlighted; undefined for plain printable ASCII. */
  mark?: ByteMark
}

export interface HexRow {
  /** Offset of the row's first byte, 8 hex digits. */
  offset: string
  cells: HexCell[]
}

/** Words for each mark, for titles and the legend. */
export const MARK_NAMES: Record<ByteMark, string> = {
  bom: 'byte order mark (EF BB BF)',
  cr: 'CR, carriage return (0D)',
  lf: 'LF, line feed (0A)',
  nul: 'NUL byte (00)',
  control: 'control byte',
  utf8: 'part of a multi-byte UTF-8 character',
  invalid: 'stray byte: not valid UTF-8'
}

const hex2 = (b: number) => (b < 16 ? '0' : '') + b.toString(16)

export function rowCount(bytes: Uint8Array): number {
  return Math.ceil(bytes.length / BYTES_PER_ROW)
}

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/** Length of the well-formed UTF-8 sequence starting at `j` (RFC 3629 table), or 0. */
export function utf8SequenceLength(bytes: Uint8Array, j: number): number {
  const b = bytes[j]
  let n: number
  let lo = 0x80
  let hi = 0xbf
  if (b >= 0xc2 && b <= 0xdf) n = 2
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3
    if (b === 0xe0) lo = 0xa0 // no overlong forms
    if (b === 0xed) hi = 0x9f // no surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4
    if (b === 0xf0) lo = 0x90
    if (b === 0xf4) hi = 0x8f // nothing past U+10FFFF
  } else return 0
  if (j + n > bytes.length) return 0
  const second = bytes[j + 1]
  if (second < lo || second > hi) return 0
  for (let k = 2; k < n; k++) if (bytes[j + k] < 0x80 || bytes[j + k] > 0xbf) return 0
  return n
}

/** The mark of the byte at `i`, looking back at most 3 bytes for the start of its character. */
export function markAt(bytes: Uint8Array, i: number): ByteMark | undefined {
  const b = bytes[i]
  if (i < 3 && hasBom(bytes)) return 'bom'
  if (b === 0x0d) return 'cr'
  if (b === 0x0a) return 'lf'
  if (b === 0x00) return 'nul'
  if (b < 0x20 || b === 0x7f) return 'control'
  if (b < 0x80) return undefined
  for (let back = 0; back <= 3 && i - back >= 0; back++) {
    const j = i - back
    if (bytes[j] >= 0xc2 && utf8SequenceLength(bytes, j) > back) return 'utf8'
    if (bytes[j] < 0x80 || bytes[j] > 0xbf) break // an ASCII or lead byte: no earlier start covers i
  }
  return 'invalid'
}

// Arrows rather than the Unicode control pictures (␍ ␊ ␀): common monospace fonts (DejaVu
// Sans Mono, Consolas, Menlo) have these, and a missing glyph would hide the very byte.
const PICTURES: Partial<Record<number, string>> = { 0x00: '\u2205', 0x0a: '\u21b5', 0x0d: '\u2190', 0x09: '\u2192' }

function asciiOf(b: number): string {
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b)
  return PICTURES[b] ?? '.'
}

/** Row `row` of the dump (0-based); bytes past the end are left out, not padded. */
export function hexRow(bytes: Uint8Array, row: number): HexRow {
  const start = row * BYTES_PER_ROW
  const end = Math.min(start + BYTES_PER_ROW, bytes.length)
  const cells: HexCell[] = []
  for (let i = start; i < end; i++) {
    const b = bytes[i]
    const mark = markAt(bytes, i)
    cells.push(mark ? { hex: hex2(b), ascii: asciiOf(b), mark } : { hex: hex2(b), ascii: asciiOf(b) })
  }
  return { offset: start.toString(16).padStart(8, '0'), cells }
}

export interface ByteCounts {
  bytes: number
  bom: boolean
  crlf: number
  /** LF not preceded by CR. */
  lf: number
  /** CR not followed by LF. */
  cr: number
  nul: number
  control: number
  /** Characters of two or more bytes (not bytes). */
  utf8Chars: number
  invalid: number
}

/** What the legend says about the whole body: one forward pass, no allocation per byte. */
export function countMarks(bytes: Uint8Array): ByteCounts {
  const c: ByteCounts = { bytes: bytes.length, bom: hasBom(bytes), crlf: 0, lf: 0, cr: 0, nul: 0, control: 0, utf8Chars: 0, invalid: 0 }
  for (let i = c.bom ? 3 : 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (b === 0x0d) {
      if (bytes[i + 1] === 0x0a) {
        c.crlf++
        i++
      } else c.cr++
    } else if (b === 0x0a) c.lf++
    else if (b === 0x00) c.nul++
    else if (b < 0x20 || b === 0x7f) {
      if (b !== 0x09) c.control++ // a tab is ordinary JSON whitespace
    } else if (b >= 0x80) {
      const n = utf8SequenceLength(bytes, i)
      if (n === 0) c.invalid++
      else {
        c.utf8Chars++
        i += n - 1
      }
    }
  }
  return c
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** The legend's facts, e.g. ["BOM", "12 CRLF", "1 NUL byte"]; empty when nothing stands out. */
export function describeMarks(c: ByteCounts): string[] {
  const out: string[] = []
  if (c.bom) out.push('BOM')
  if (c.crlf) out.push(`${c.crlf.toLocaleString('en-US')} CRLF`)
  if (c.lf) out.push(`${c.lf.toLocaleString('en-US')} LF`)
  if (c.cr) out.push(plural(c.cr, 'lone CR'))
  if (c.nul) out.push(plural(c.nul, 'NUL byte'))
  if (c.control) out.push(plural(c.control, 'control byte'))
  if (c.utf8Chars) out.push(plural(c.utf8Chars, 'multi-byte UTF-8 character'))
  if (c.invalid) out.push(plural(c.invalid, 'stray byte') + ' (not UTF-8)')
  return out
}

/** The dump as plain text (offset, hex, |ascii|), for copying: marks are not kept. */
export function hexRowText(row: HexRow): string {
  let hex = ''
  let ascii = ''
  for (let i = 0; i < BYTES_PER_ROW; i++) {
    const cell = row.cells[i]
    hex += cell ? `${cell.hex} ` : '   '
    if (i === 7) hex += ' '
    ascii += cell ? cell.ascii : ''
  }
  return `${row.offset}  ${hex} |${ascii}|`
}
