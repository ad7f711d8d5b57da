/**
 * What the exact bytes of a pasted body look like. Signatures are over bytes, and the
 * usual culprits of a mismatch are invisible: a trailing newline an editor added, CRLF
 * line endings, a byte-order mark, or pretty-printing. These facts are shown beside the
 * editor so the user sees what is actually being verified.
 */

export type LineEndings = 'none' | 'lf' | 'crlf' | 'cr' | 'mixed'

export interface BodyFacts {
  /** UTF-8 byte length, as the HMAC sees it. */
  bytes: number
  /** Ends with \n or \r\n (or \r). */
  endsWithNewline: boolean
  lineEndings: LineEndings
  /** Starts with U+FEFF (EF BB BF in UTF-8). */
  bom: boolean
  /** Leading or trailing spaces/tabs/newlines around the JSON. */
  outerWhitespace: boolean
}

const encoder = new TextEncoder()

/** UTF-8 byte length of a string (lone surrogates count as the 3-byte U+FFFD the encoder writes). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).length
}

/** Which line endings a text uses. */
export function lineEndingsOf(text: string): LineEndings {
  let crlf = 0
  let lf = 0
  let cr = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++
        i++
      } else cr++
    } else if (c === 10) lf++
  }
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0)
  if (kinds === 0) return 'none'
  if (kinds > 1) return 'mixed'
  return crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr'
}

/** All the facts at once. */
export function bodyFacts(text: string): BodyFacts {
  return {
    bytes: utf8ByteLength(text),
    endsWithNewline: /(\r\n|\n|\r)$/.test(text),
    lineEndings: lineEndingsOf(text),
    bom: text.charCodeAt(0) === 0xfeff,
    outerWhitespace: /^\s|\s$/.test(stripBom(text))
  }
}

/** Drops one trailing newline (\r\n, \n or \r). */
export function stripTrailingNewline(text: string): string {
  return text.replace(/(\r\n|\n|\r)$/, '')
}

/** Rewrites every line ending to `eol`. */
export function convertLineEndings(text: string, eol: 'lf' | 'crlf'): string {
  return text.replace(/\r\n|\r|\n/g, eol === 'crlf' ? '\r\n' : '\n')
}

/** Removes a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * Decodes file bytes as UTF-8 exactly: the BOM is kept (TextDecoder drops it by default)
 * and so is every line ending. Returns null when the bytes are not valid UTF-8, because the
 * engine verifies text and a lossy decode would verify different bytes.
 */
export function decodeExact(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Human words for a line-ending kind. */
export function describeLineEndings(kind: LineEndings): string {
  switch (kind) {
    case 'none':
      return 'single line'
    case 'lf':
      return 'LF line endings'
    case 'crlf':
      return 'CRLF line endings'
    case 'cr':
      return 'CR line endings'
    case 'mixed':
      return 'mixed line endings'
  }
}

/** "1,234 bytes" */
export function formatBytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`
}
