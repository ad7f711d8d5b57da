/**
 * `kyc-hooks captures`: the captured requests, newest first, as an aligned table or as
 * JSON lines (one capture per line, for jq and scripts).
 */
import type { Command } from 'commander'
import { SignatureStatus } from '../../shared/models'
import { captureColumns, captureJson } from '../capture-format'
import { withContract } from '../options'
import { choiceOption, intOption } from '../parse'
import { printJsonLine, printNote, printTable } from '../output'
import { parseDuration, waitForCaptures } from './captures-wait'

interface CapturesOptions {
  event?: string
  signature?: SignatureStatus
  search?: string
  limit: number
  json?: boolean
  wait?: boolean
  count?: number
  timeout: number
}

async function runCaptures(opts: CapturesOptions, command: Command): Promise<void> {
  await withContract(command, async (call) => {
    if (opts.wait) return waitForCaptures(call, { event: opts.event, count: opts.count ?? 1, timeoutMs: opts.timeout, json: opts.json })
    const { items, total } = await call('captures.list', {
      limit: opts.limit,
      ...(opts.event !== undefined ? { event: opts.event } : {}),
      ...(opts.signature !== undefined ? { signature: opts.signature } : {}),
      ...(opts.search !== undefined ? { q: opts.search } : {})
    })
    if (opts.json) {
      for (const c of items) printJsonLine(captureJson(c))
      return
    }
    printTable(items, captureColumns, 'no captures match: start one with `kyc-hooks listen` and send to it')
    if (items.length < total) printNote(`showing ${items.length} of ${total}: pass --limit N to see more`)
  })
}

/** Registers `captures`. */
export function registerCaptures(program: Command): void {
  program
    .command('captures')
    .description('list captured requests, newest first')
    .option('--event <event>', 'only this event, e.g. submission.completed')
    .option('--signature <verdict>', 'only valid, invalid or missing signatures', choiceOption(SignatureStatus.options))
    .option('--search <text>', 'only captures whose path, event, id or body contains this text')
    .option('--limit <n>', 'at most N captures (default 50)', intOption('--limit', 1, 10_000), 50)
    .option('--json', 'one JSON object per line')
    .option('--wait', 'block until --count captures of --event have arrived (exit 1 on --timeout, listing what did arrive)')
    .option('--count <n>', 'with --wait: how many captures to wait for (default 1)', intOption('--count', 1, 10_000))
    .option('--timeout <duration>', 'with --wait: give up after this long, e.g. 30s, 500ms, 2m (default 30s)', parseDuration, 30_000)
    .action((opts: CapturesOptions, command: Command) => runCaptures(opts, command))
}
