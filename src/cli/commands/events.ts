/**
 * `kyc-hooks events [EVENT] [--schema]`: the 11 Smart KYC events, one event's payload
 * template (ready to edit and pass to `send --data`), or its JSON Schema.
 */
import type { Command } from 'commander'
import type { z } from 'zod'
import type { EventInfo } from '../../shared/contract'
import { badInput } from '../../shared/errors'
import { catalogCall } from '../contract-call'
import { printBlock, printJson, printTable } from '../output'
import { parseEventName } from './send'

type EventRow = z.infer<typeof EventInfo>

async function runEvents(eventArg: string | undefined, opts: { schema?: boolean }): Promise<void> {
  if (eventArg === undefined) {
    if (opts.schema) throw badInput('--schema needs an EVENT: e.g. kyc-hooks events submission.completed --schema')
    printTable<EventRow>(
      await catalogCall('catalog.list', {}),
      [
        { header: 'EVENT', value: (e) => e.name },
        { header: 'GROUP', value: (e) => e.group },
        { header: 'FIELDS', value: (e) => (e.documented ? 'documented' : 'inferred') },
        { header: 'DESCRIPTION', value: (e) => e.description }
      ],
      'no events'
    )
    return
  }
  const event = parseEventName(eventArg)
  if (opts.schema) printJson((await catalogCall('catalog.schema', { event })).schema)
  else printBlock((await catalogCall('catalog.template', { event })).body)
}

/** Registers `events`. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description("list the Smart KYC events, or print one event's payload template or JSON Schema")
    .argument('[EVENT]', 'an event name, e.g. submission.completed')
    .option('--schema', 'print the JSON Schema instead of a template')
    .action((event: string | undefined, opts: { schema?: boolean }) => runEvents(event, opts))
}
