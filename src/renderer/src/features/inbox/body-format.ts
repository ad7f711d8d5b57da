/**
 * Turning captured bytes into something to look at, without ever interpreting them:
 * strict UTF-8 decoding (invalid bytes → hex dump instead), pretty JSON with the line of
 * every JSON Pointer (so a schema error can point at its line), sizes and times.
 */

/** Base64 (as the contract carries bodies) to bytes. Invalid input gives an empty array. */
export function base64ToBytes(b64: string): Uint8Array {
  try {
    const bin = atob(b64)
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch {
    return new Uint8Array(0)
  }
}

/** The bytes as text when they are valid UTF-8, else null. A BOM is kept, not stripped. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Most bytes a hex dump shows; beyond this the view says how many were left out. */
export const HEX_DUMP_LIMIT = 64 * 1024

/** A classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array, limit = HEX_DUMP_LIMIT): string {
  const lines: string[] = []
  const end = Math.min(bytes.length, limit)
  for (let off = 0; off < end; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, end))
    let hex = ''
    let ascii = ''
    for (let i = 0; i < 16; i++) {
      if (i < row.length) {
        hex += row[i].toString(16).padStart(2, '0') + ' '
        ascii += row[i] >= 0x20 && row[i] < 0x7f ? String.fromCharCode(row[i]) : '.'
      } else {
        hex += '   '
      }
      if (i === 7) hex += ' '
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes not shown`)
  return lines.join('\n')
}

export interface PrettyJson {
  text: string
  /** 1-based line of each JSON Pointer (`''` is the root, `/data/matchScore` ...). */
  lines: Map<string, number>
}

function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * The same text as `JSON.stringify(value, null, 2)`, plus the line where each value starts,
 * so clicking a schema error can reveal `/data/matchScore` in the editor.
 */
export function prettyJsonWithLines(value: unknown): PrettyJson {
  const out: string[] = []
  const lines = new Map<string, number>()
  let line = 1

  const write = (v: unknown, pointer: string, indent: string) => {
    lines.set(pointer, line)
    if (Array.isArray(v)) {
      if (v.length === 0) return out.push('[]')
      out.push('[\n')
      line++
      v.forEach((item, i) => {
        out.push(indent + '  ')
        write(item === undefined ? null : item, `${pointer}/${i}`, indent + '  ')
        out.push(i < v.length - 1 ? ',\n' : '\n')
        line++
      })
      out.push(indent + ']')
      return
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v)
      if (keys.length === 0) return out.push('{}')
      out.push('{\n')
      line++
      keys.forEach((k, i) => {
        out.push(`${indent}  ${JSON.stringify(k)}: `)
        write((v as Record<string, unknown>)[k], `${pointer}/${escapePointerToken(k)}`, indent + '  ')
        out.push(i < keys.length - 1 ? ',\n' : '\n')
        line++
      })
      out.push(indent + '}')
      return
    }
    out.push(JSON.stringify(v) ?? 'null')
  }

  write(value, '', '')
  return { text: out.join(''), lines }
}

/** Pretty JSON of a text, or null when it is not JSON. */
export function prettyJson(text: string): PrettyJson | null {
  try {
    return prettyJsonWithLines(JSON.parse(text))
  } catch {
    return null
  }
}

/** The line a pointer lands on, falling back to its nearest parent that exists. */
export function lineOfPointer(pretty: PrettyJson, pointer: string): number | null {
  let p = pointer
  for (;;) {
    const hit = pretty.lines.get(p)
    if (hit !== undefined) return hit
    if (p === '') return null
    p = p.slice(0, Math.max(0, p.lastIndexOf('/')))
  }
}

/** 1234 → "1.2 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / (1024 * 1024)).toFixed(1)} MB`
}
