/**
 * `kyc-hooks sign --secret S [FILE|-]`: the X-SmartKYC-Signature value for exact bytes
 * (lowercase hex HMAC-SHA256). Reads the file or stdin as bytes: no trimming, no decoding,
 * because one extra newline is a different signature.
 */
import type { Command } from 'commander'
// Not `signing.sign`: the contract's `body` is UTF-8 text, and this signs exact bytes (any byte sequence).
import { sign } from '../../core/signing'
import { readBytes } from '../input'
import { printLine } from '../output'

async function runSign(file: string | undefined, opts: { secret: string }): Promise<void> {
  const body = await readBytes(file)
  printLine(sign(body, opts.secret))
}

/** Registers `sign`. */
export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('print the X-SmartKYC-Signature (lowercase hex HMAC-SHA256) of a body, read byte for byte')
    .argument('[FILE]', "body file; '-' or nothing reads stdin")
    .requiredOption('--secret <secret>', 'the API secret to sign with')
    .action((file: string | undefined, opts: { secret: string }) => runSign(file, opts))
}
