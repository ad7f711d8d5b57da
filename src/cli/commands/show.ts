/**
 * `kyc-hooks show CAPTURE_ID`: everything about one capture, the signature diagnosis
 * first. `--body` writes the exact body bytes to stdout (to pipe into a file or a tool);
 * `--json` prints the full Capture.
 */
import type { Command } from 'commander'
import type { Capture } from '../../shared/models'
import { withReadableTimes } from '../../shared/readable-times'
import { schemaErrorText } from '../../shared/schema-error-text'
import { clock, signatureText, target } from '../capture-format'
import { withContract } from '../options'
import { hasTerminalControls, printBlock, printJson, printLine, printNote, writeBytes } from '../output'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function printSignature(c: Capture): void {
  const v = c.signatureVerdict
  // Secret labels carry their rotation time as ISO: shown as "2026-12-02 09:35 UTC".
  printLine(`Signature  ${signatureText(v.status, v.diagnosis?.code)}${v.matchedSecret ? ` (matched ${withReadableTimes(v.matchedSecret)})` : ''}`)
  if (v.diagnosis) {
    printLine(`           ${withReadableTimes(v.diagnosis.message)}`)
    printLine(`           hint: ${withReadableTimes(v.diagnosis.hint)}`)
  }
  if (v.status !== 'valid') {
    printLine(`           expected ${v.expected ?? '(no secret)'}`)
    printLine(`           received ${v.received ?? '(no header)'}`)
  }
}

function printSchema(c: Capture): void {
  printLine(`Schema     ${c.schemaVerdict.status}`)
  for (const e of c.schemaVerdict.errors.slice(0, 20)) printLine(`           ${schemaErrorText(e)} (${e.keyword})`)
  if (c.schemaVerdict.errors.length > 20) printLine(`           … ${c.schemaVerdict.errors.length - 20} more (see --json)`)
}

function printHuman(c: Capture, body: Buffer): void {
  printLine(`Capture    ${c.id}  (#${c.seq}, ${c.source === 'import' ? 'imported' : `listener ${c.listenerId ?? '-'}`})`)
  printLine(`Received   ${c.receivedAt} (${clock(c.receivedAt)} UTC) from ${c.remoteAddress}`)
  printLine(`Request    ${c.method} ${target(c)} HTTP/${c.httpVersion}`)
  printLine(`Event      ${c.event ?? '(none)'}`)
  printSignature(c)
  printSchema(c)
  if (c.duplicateOf) printLine(`Duplicate  same body as ${c.duplicateOf}`)
  const r = c.response
  printLine(`Response   ${r.status ?? '-'} (${r.mode}${r.delayMs ? `, after ${r.delayMs} ms` : ''})`)
  if (c.forward) {
    const f = c.forward
    printLine(`Forward    ${f.url} -> ${f.error ? `error: ${f.error}` : f.status} (${Math.round(f.durationMs)} ms)`)
  }
  printLine('Headers')
  for (const [name, value] of c.headers) printLine(`  ${name}: ${value}`)
  printLine(`Body       ${c.bodySize} bytes, sha256 ${c.bodySha256}${c.bodyTruncated ? ' (TRUNCATED at the size limit)' : ''}`)
  if (body.length === 0) return
  let text: string
  try {
    text = strictUtf8.decode(body)
  } catch {
    printLine('  (not UTF-8 text: write the exact bytes with --body > body.bin)')
    return
  }
  printBlock(text)
}

/**
 * `--body` is for pipes and files: exact bytes. On a terminal, bytes that a terminal would
 * interpret (escape sequences in a hostile body) are shown escaped instead, with a note.
 */
async function writeBody(body: Buffer): Promise<void> {
  if (process.stdout.isTTY) {
    const text = body.toString('utf8')
    if (hasTerminalControls(text) || !Buffer.from(text, 'utf8').equals(body)) {
      printBlock(text)
      printNote('(shown escaped: the body holds control characters or bytes that are not UTF-8; redirect to a file for the exact bytes: > body.bin)')
      return
    }
  }
  await writeBytes(body)
}

async function runShow(id: string, opts: { body?: boolean; json?: boolean }, command: Command): Promise<void> {
  const capture = await withContract(command, (call) => call('captures.get', { id }))
  const body = Buffer.from(capture.bodyBase64, 'base64')
  if (opts.body) await writeBody(body)
  else if (opts.json) printJson(capture)
  else printHuman(capture, body)
}

/** Registers `show`. */
export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show one capture: signature diagnosis, schema errors, headers in order, body')
    .argument('<CAPTURE_ID>', 'a capture id from `kyc-hooks captures`')
    .option('--body', 'write only the exact body bytes to stdout')
    .option('--json', 'print the whole capture as JSON (body in bodyBase64)')
    .action((id: string, opts: { body?: boolean; json?: boolean }, command: Command) => runShow(id, opts, command))
}
