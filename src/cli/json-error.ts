// Hand-written, not jsonc-parser: its parser recurses, so 200,000 nested [ overflow the stack (RangeError), and it accepts comments.
/**
 * Finds where a JSON text stops being JSON, as line and column, so `send --data` can say
 * "Unexpected token } at line 3 column 1" instead of V8's position-less message. Only run
 * after JSON.parse has failed. Iterative (an explicit stack), so hostile nesting depth
 * cannot overflow the call stack.
 */

/** The first syntax error of a JSON text. */
export interface JsonSyntaxError {
  offset: number
  line: number
  column: number
  /** e.g. `Unexpected token }`, `Unexpected end of JSON input`. */
  message: string
  /** What the parser wanted there, e.g. `a property name in double quotes`. */
  expected: string
}

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'eof'

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null']
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])

const EXPECTED: Record<Expect, string> = {
  value: 'a value',
  'value-or-end': 'a value or ]',
  key: 'a property name in double quotes',
  'key-or-end': 'a property name in double quotes or }',
  colon: 'a : after the property name',
  'comma-or-end': 'a , or the closing bracket',
  eof: 'the end of the text'
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function describeChar(ch: string): string {
  const code = ch.charCodeAt(0)
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `token ${ch}`
}

/** Scans a string literal starting at the opening quote; returns the offset after it, or an error. */
function scanString(text: string, start: number): number | { offset: number; message: string } {
  let i = start + 1
  while (i < text.length) {
    const ch = text[i]
    if (ch === '"') return i + 1
    if (ch.charCodeAt(0) < 0x20) return { offset: i, message: `Bad control character ${describeChar(ch).replace('character ', '')} in string` }
    if (ch === '\\') {
      const next = text[i + 1]
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'Bad Unicode escape in string' }
        i += 6
        continue
      }
      if (next === undefined || !ESCAPES.has(next)) return { offset: i, message: 'Bad escaped character in string' }
      i += 2
      continue
    }
    i++
  }
  return { offset: text.length, message: 'Unterminated string' }
}

/** The first syntax error in `text`, or null when it is valid JSON (a leading BOM is tolerated). */
export function findJsonError(text: string): JsonSyntaxError | null {
  const stack: Array<'obj' | 'arr'> = []
  let expect = 'value' as Expect
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0

  const fail = (offset: number, message: string): JsonSyntaxError => ({
    offset,
    ...position(text, offset),
    message,
    expected: EXPECTED[expect]
  })
  const afterValue = () => {
    expect = stack.length === 0 ? 'eof' : 'comma-or-end'
  }

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
    if (i >= text.length) return expect === 'eof' ? null : fail(i, 'Unexpected end of JSON input')
    const ch = text[i]
    const top = stack[stack.length - 1]

    if (expect === 'eof') return fail(i, `Unexpected ${describeChar(ch)} after the JSON value`)

    if (expect === 'colon') {
      if (ch !== ':') return fail(i, `Unexpected ${describeChar(ch)}`)
      i++
      expect = 'value'
      continue
    }

    if (expect === 'comma-or-end') {
      if (ch === ',') {
        i++
        expect = top === 'obj' ? 'key' : 'value'
      } else if ((ch === '}' && top === 'obj') || (ch === ']' && top === 'arr')) {
        i++
        stack.pop()
        afterValue()
      } else return fail(i, `Unexpected ${describeChar(ch)}`)
      continue
    }

    if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && ch === '}') {
        i++
        stack.pop()
        afterValue()
        continue
      }
      if (ch !== '"') return fail(i, `Unexpected ${describeChar(ch)}`)
      const end = scanString(text, i)
      if (typeof end !== 'number') return fail(end.offset, end.message)
      i = end
      expect = 'colon'
      continue
    }

    // expect is 'value' or 'value-or-end'
    if (expect === 'value-or-end' && ch === ']') {
      i++
      stack.pop()
      afterValue()
      continue
    }
    if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? 'obj' : 'arr')
      expect = ch === '{' ? 'key-or-end' : 'value-or-end'
      i++
      continue
    }
    if (ch === '"') {
      const end = scanString(text, i)
      if (typeof end !== 'number') return fail(end.offset, end.message)
      i = end
      afterValue()
      continue
    }
    NUMBER.lastIndex = i
    const number = NUMBER.exec(text)
    if (number) {
      i += number[0].length
      afterValue()
      continue
    }
    const literal = LITERALS.find((word) => text.startsWith(word, i))
    if (literal) {
      i += literal.length
      afterValue()
      continue
    }
    return fail(i, `Unexpected ${describeChar(ch)}`)
  }
}
