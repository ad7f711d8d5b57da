/**
 * `kyc-hooks verify --secret S --signature HEX [FILE|-]`: does this header match these
 * exact bytes? Exit 0 when valid, 1 when not, with the diagnosis (why it does not match
 * and what to do), the expected and the received value.
 */
import type { Command } from 'commander'
// Not `signing.verify`: the contract's `body` is UTF-8 text, and this verifies exact bytes (any byte sequence).
import { NO_TIMESTAMP_NOTE, verifySignature } from '../../core/signing'
import { withReadableTimes } from '../../shared/readable-times'
import { EXIT_NEGATIVE } from '../errors'
import { readBytes } from '../input'
import { setExitCode } from '../options'
import { collect } from '../parse'
import { printJson, printLine } from '../output'

interface VerifyOptions {
  secret: string[]
  signature: string
  json?: boolean
}

async function runVerify(file: string | undefined, opts: VerifyOptions): Promise<void> {
  const body = await readBytes(file)
  const secrets = opts.secret.map((secret, i) => ({ label: opts.secret.length > 1 ? `--secret #${i + 1}` : '--secret', secret }))
  const verdict = verifySignature(body, opts.signature, secrets)
  if (verdict.status !== 'valid') setExitCode(EXIT_NEGATIVE)
  if (opts.json) {
    printJson(verdict)
    return
  }
  if (verdict.status === 'valid') {
    printLine(`VALID: the signature matches the body (${withReadableTimes(verdict.matchedSecret ?? 'secret')})`)
  } else {
    const d = verdict.diagnosis
    printLine(`INVALID${d ? ` (${d.code})` : ''}: ${withReadableTimes(d?.message ?? 'the signature does not match the body')}`)
    if (d?.hint) printLine(`  hint:     ${withReadableTimes(d.hint)}`)
  }
  printLine(`  expected: ${verdict.expected ?? '(no secret)'}`)
  printLine(`  received: ${verdict.received ?? '(none)'}`)
  printLine(`Note: ${NO_TIMESTAMP_NOTE}`)
}

/** Registers `verify`. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check an X-SmartKYC-Signature against a body read byte for byte (exit 0 valid, 1 invalid)')
    .argument('[FILE]', "body file; '-' or nothing reads stdin")
    .requiredOption('--secret <secret>', 'the API secret (repeatable: matches when any secret matches)', collect)
    .requiredOption('--signature <hex>', 'the X-SmartKYC-Signature header value as received')
    .option('--json', 'print the verdict as JSON')
    .action((file: string | undefined, opts: VerifyOptions) => runVerify(file, opts))
}
