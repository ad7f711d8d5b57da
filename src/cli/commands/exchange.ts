/**
 * `kyc-hooks export`, `import` and `curl`: captures (or deliveries) out as HAR or NDJSON,
 * HAR in (from a browser or another tool), and a curl command that reproduces one capture
 * exactly. Exports and curl commands mask secret header values unless --include-secrets;
 * `--redact pii` takes KYC personal data out of exported bodies.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { WorkbenchError, badInput } from '../../shared/errors'
import type { ExportRequest } from '../../shared/contract'
import { DeliveryStatus, SignatureStatus } from '../../shared/models'
import { explainFsError, readBytes } from '../input'
import { withContract } from '../options'
import { choiceOption } from '../parse'
import { escapeJsonText, printBlock, printLine, printNote, writeBytes } from '../output'
import { decodeUtf8OrExplain } from '../send-body'

interface ExportOptions {
  format: 'har' | 'ndjson'
  out?: string
  includeSecrets?: boolean
  redact?: 'pii'
  deliveries?: boolean
  event?: string
  signature?: SignatureStatus
  search?: string
  listener?: string
  status?: DeliveryStatus
}

/** Where the pages go: a file created owner-only (it may hold secrets or personal data), or stdout. */
async function openSink(out: string | undefined): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> {
  if (out === undefined) return { write: (text) => writeBytes(text), close: async () => {} }
  let handle: fs.promises.FileHandle
  try {
    handle = await fs.promises.open(out, 'w', 0o600)
  } catch (err) {
    throw new WorkbenchError('io', `cannot write --out ${out}: ${explainFsError(err as NodeJS.ErrnoException)}`)
  }
  return {
    write: async (text) => {
      await handle.write(text)
    },
    close: () => handle.close()
  }
}

function scopeOf(ids: string[], opts: ExportOptions): Pick<ExportRequest, 'ids' | 'captures' | 'deliveries'> {
  const search = opts.search !== undefined ? { q: opts.search } : {}
  const event = opts.event !== undefined ? { event: opts.event } : {}
  if (ids.length) {
    if (opts.deliveries || opts.event || opts.signature || opts.search || opts.listener || opts.status) {
      throw badInput('export takes either ids or filters (--deliveries, --event, --signature, --search, --listener, --status), not both: drop one')
    }
    return { ids }
  }
  if (opts.deliveries) {
    if (opts.signature || opts.listener) throw badInput('--signature and --listener filter captures, not deliveries: drop them or --deliveries')
    return { deliveries: { ...event, ...search, ...(opts.status ? { status: opts.status } : {}) } }
  }
  if (opts.status) throw badInput('--status filters deliveries: add --deliveries or drop it')
  return {
    captures: { ...event, ...search, ...(opts.signature ? { signature: opts.signature } : {}), ...(opts.listener ? { listenerId: opts.listener } : {}) }
  }
}

/** Registers `export`, `import` and `curl`. */
export function registerExchange(program: Command): void {
  program
    .command('export')
    .description('export captures (or deliveries) as HAR 1.2 or NDJSON: every one matching the filters, or the ids given')
    .argument('[ID...]', 'only these captures (cap_…) and deliveries (dlv_…; one HAR entry per attempt)')
    .requiredOption('--format <format>', 'har or ndjson', choiceOption(['har', 'ndjson'] as const))
    .option('--out <file>', 'write to this file (created readable by you only) instead of stdout')
    .option('--include-secrets', 'keep the values of Authorization, Proxy-Authorization, X-API-Key, Cookie and Set-Cookie (masked by default)')
    .option('--redact <what>', 'pii: replace e-mails, names, responses values and matchedName in bodies (they then no longer match their signatures)', choiceOption(['pii'] as const))
    .option('--deliveries', 'export deliveries (the Deliveries log) instead of captures')
    .option('--event <event>', 'only this event, e.g. submission.completed')
    .option('--signature <verdict>', 'captures only: valid, invalid or missing signatures', choiceOption(SignatureStatus.options))
    .option('--search <text>', 'only rows whose path/url, event, id or body contains this text')
    .option('--listener <id>', 'captures only: only this listener (lst_…)')
    .option('--status <status>', 'deliveries only: success, error or pending', choiceOption(DeliveryStatus.options))
    .action(async (ids: string[], opts: ExportOptions, command: Command) => {
      const scope = scopeOf(ids, opts)
      const sink = await openSink(opts.out)
      const showProgress = opts.out !== undefined && process.stderr.isTTY === true
      let done = 0
      let total = 0
      try {
        await withContract(command, async (call) => {
          let cursor: string | undefined
          do {
            const page = await call('exchange.export', {
              format: opts.format,
              ...scope,
              includeSecrets: opts.includeSecrets === true,
              ...(opts.redact ? { redact: opts.redact } : {}),
              ...(cursor !== undefined ? { cursor } : {}),
              pageSize: 500
            })
            // JSON.stringify leaves C1 controls, U+2028/9 and bidi overrides raw; escaping them
            // keeps the same JSON values and makes the file safe to cat in a terminal.
            await sink.write(escapeJsonText(page.content))
            done = page.done
            total = page.total
            if (showProgress && page.next) process.stderr.write(`\rexported ${done} of ${total}…`)
            cursor = page.next ?? undefined
          } while (cursor !== undefined)
        })
      } finally {
        await sink.close()
      }
      if (showProgress) process.stderr.write('\r')
      if (opts.out !== undefined) printNote(`wrote ${done} ${scope.deliveries ? 'deliveries' : 'rows'} to ${path.resolve(opts.out)}`)
      if (!opts.includeSecrets) printNote('secret header values are masked: pass --include-secrets to keep them')
      if (opts.redact === 'pii') printNote('personal data was redacted: the exported bodies no longer match their signatures')
    })

  program
    .command('import')
    .description('import the requests of a HAR file as captures (all or nothing)')
    .argument('<FILE>', "a .har file ('-' for stdin)")
    .action(async (file: string, _opts: unknown, command: Command) => {
      const content = decodeUtf8OrExplain(await readBytes(file), file === '-' ? 'stdin' : file)
      const { imported } = await withContract(command, (call) => call('exchange.importHar', { content }))
      printLine(`imported ${imported} capture${imported === 1 ? '' : 's'}: list them with \`kyc-hooks captures\``)
    })

  program
    .command('curl')
    .description('print a curl command that sends one capture (or delivery) again, byte for byte')
    .argument('<ID>', 'a capture id from `kyc-hooks captures`, or a delivery id (dlv_…) from `kyc-hooks deliveries`')
    .option('--include-secrets', 'keep the values of Authorization, X-API-Key, Cookie… (masked by default)')
    .action(async (id: string, opts: { includeSecrets?: boolean }, command: Command) => {
      const input = { id, includeSecrets: opts.includeSecrets === true }
      const { command: curl } = await withContract(command, (call) =>
        id.startsWith('dlv_') ? call('deliveries.curl', input) : call('captures.curl', input)
      )
      printBlock(curl)
    })
}
