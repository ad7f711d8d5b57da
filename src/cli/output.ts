/**
 * Terminal-safe printing. Captured requests are hostile: a path, header or body may carry
 * ESC sequences that recolour the terminal, move the cursor, rewrite the title or hide
 * text (CR, BEL, C1 controls like U+009B CSI, bidi overrides). Everything that can hold
 * captured or user data goes through these helpers before it reaches stdout/stderr.
 */

// C0 controls, DEL, C1 controls, line/paragraph separators and the bidi embedding,
// override and isolate characters ("Trojan Source") that reorder what the eye sees.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
// The same, but newline and tab are allowed: for multi-line blocks such as a body.
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
// JSON.stringify escapes C0 but leaves C1, U+2028/9 and bidi characters raw.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e', '\u0007': '\\a', '\u0000': '\\0' }

function escapeChar(ch: string): string {
  const named = NAMED[ch]
  if (named) return named
  const code = ch.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** One line of text with every control character made visible (`\e`, `\r`, `\x9b`, `\u202e`). */
export function safeLine(text: string): string {
  return text.replace(UNSAFE_LINE, escapeChar)
}

/** Multi-line text (a body): newlines and tabs stay, every other control is made visible. */
export function safeBlock(text: string): string {
  return text.replace(UNSAFE_BLOCK, escapeChar)
}

/** JSON on one line, with the characters JSON.stringify leaves raw escaped as \uXXXX (still valid JSON). */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * Already-serialised JSON (an export) with the characters JSON.stringify leaves raw escaped.
 * Those characters can only occur inside JSON strings, so the meaning is unchanged.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** True when the text holds a character a terminal could interpret (anything safeBlock would change). */
export function hasTerminalControls(text: string): boolean {
  return safeBlock(text) !== text
}

/** Writes one line to stdout, made terminal-safe. */
export function printLine(text = ''): void {
  process.stdout.write(safeLine(text) + '\n')
}

/** Writes a block (may span lines) to stdout, made terminal-safe. */
export function printBlock(text: string): void {
  process.stdout.write(safeBlock(text) + (text.endsWith('\n') ? '' : '\n'))
}

/** Writes one line to stderr (banners, notes), made terminal-safe. */
export function printNote(text = ''): void {
  process.stderr.write(safeLine(text) + '\n')
}

/** Writes one JSON object per line (JSON lines), safe for terminals and for `jq`. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(jsonText(value) + '\n')
}

/** Writes pretty JSON (two-space indent). */
export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value, 2) + '\n')
}

/** Writes raw bytes to stdout unchanged (show --body, export to a pipe) and waits until they are handed off. */
export function writeBytes(bytes: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(bytes, (err) => (err ? reject(err) : resolve()))
  })
}

/** A column of a text table: its heading and how to read a row's cell. */
export interface Column<T> {
  header: string
  value: (row: T) => string
  /** Cut longer cells to this many characters (ids are never cut: leave it unset). */
  max?: number
  align?: 'left' | 'right'
}

function clip(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text
  return text.slice(0, Math.max(1, max - 1)) + '…'
}

/** An aligned text table; every cell is made terminal-safe before it is measured. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => clip(safeLine(c.value(row)), c.max)))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)))
  const render = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [render(columns.map((c) => c.header)), ...cells.map(render)].join('\n')
}

/** Prints a table, or a short note when there is nothing to show. */
export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty: string): void {
  if (rows.length === 0) {
    printNote(empty)
    return
  }
  process.stdout.write(formatTable(rows, columns) + '\n')
}

/** The first `max` characters of a text, on one line, terminal-safe: for response snippets. */
export function snippet(text: string | null | undefined, max = 200): string {
  if (!text) return ''
  const line = safeLine(text)
  return line.length > max ? line.slice(0, max) + '…' : line
}
