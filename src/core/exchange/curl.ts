/**
 * A curl command line that sends a request again byte for byte: same method, URL, headers
 * in order and body. Every value from the request is single-quoted (' becomes '\''), so
 * nothing in captured data is ever interpreted by the shell; notes are our own words only.
 *
 * curl's own defaults are switched off when the request did not carry them (`-H 'Accept:'`
 * removes curl's Accept), --path-as-is and --globoff keep the URL as written, and the body
 * goes as a single-quoted argument when it is printable text, else base64-decoded on a pipe.
 */
import type { HeaderPair } from '../../shared/models'
import { isHttpToken } from '../../shared/http-rules'
import { shellQuote } from '../../shared/shell-quote'
import { printableText } from './body-text'

export interface CurlRequest {
  method: string
  url: string
  headers: HeaderPair[]
  body: Buffer
  /** '1.1', '1.0', '2.0' (the HTTP version to ask curl for). */
  httpVersion: string
  /** Lines of our own (never captured text) printed as shell comments above the command. */
  notes?: string[]
  /** Absolute path of a CA certificate for curl to trust (the local CA for HTTPS listeners). */
  caCert?: string
}

const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/** curl computes these from --data-binary; passing them could contradict the body it sends. */
const FRAMING = new Set(['content-length', 'transfer-encoding'])

function versionFlag(version: string): string {
  if (version.startsWith('2')) return '--http2'
  if (version === '1.0') return '--http1.0'
  return '--http1.1'
}

/** Builds the command; `notes` and a note for any header that cannot be passed come first. */
export function curlCommand(req: CurlRequest): string {
  const notes = [...(req.notes ?? [])]
  // One option per line (joined with backslash-newline) so a long command stays readable.
  const args: string[] = [
    `curl --silent --show-error ${versionFlag(req.httpVersion)} --path-as-is --globoff -X ${shellQuote(req.method)} ${shellQuote(req.url)}`
  ]
  if (req.caCert !== undefined) args.push(`--cacert ${shellQuote(req.caCert)}`)

  let skipped = 0
  const has = (name: string): boolean => req.headers.some(([n]) => n.toLowerCase() === name)
  for (const [name, value] of req.headers) {
    if (FRAMING.has(name.toLowerCase())) continue
    if (!isHttpToken(name) || !FIELD_VALUE.test(value)) {
      skipped++
      continue
    }
    // `-H 'Name:'` would remove a header; `Name;` is curl's way to send it empty.
    args.push(`-H ${shellQuote(value === '' ? `${name};` : `${name}: ${value}`)}`)
  }
  if (skipped > 0) notes.push(`${skipped} header(s) with characters a command line cannot carry were left out.`)
  if (!has('user-agent')) args.push(`-H ${shellQuote('User-Agent:')}`)
  if (!has('accept')) args.push(`-H ${shellQuote('Accept:')}`)
  if (req.body.length > 0 && !has('content-type')) args.push(`-H ${shellQuote('Content-Type:')}`)
  // curl adds `Expect: 100-continue` to larger bodies on its own (over 1 KiB before 8.x, 1 MiB since).
  if (req.body.length > 0 && !has('expect')) args.push(`-H ${shellQuote('Expect:')}`)

  let prefix = ''
  if (req.body.length > 0 || has('content-length')) {
    const text = printableText(req.body)
    // A leading @ would make curl read a file of that name instead of sending the text.
    if (text !== null && !text.startsWith('@')) {
      args.push(`--data-binary ${shellQuote(text)}`)
    } else {
      notes.push('The body is not printable text (binary, control characters or a leading @): it is decoded from base64 and piped to curl.')
      prefix = `printf %s ${shellQuote(req.body.toString('base64'))} | base64 -d | `
      args.push('--data-binary @-')
    }
  }

  const comments = notes.map((n) => `# ${n.replace(/[\r\n]+/g, ' ')}\n`).join('')
  return `${comments}${prefix}${args.join(' \\\n  ')}`
}
