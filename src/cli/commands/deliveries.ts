/**
 * `kyc-hooks deliveries`: the delivery log (what the mock Smart KYC sent, and how each
 * target answered), newest first, like the platform's Webhooks → Logs tab.
 */
import type { Command } from 'commander'
import { DeliveryStatus, type Delivery } from '../../shared/models'
import { withContract } from '../options'
import { choiceOption, intOption } from '../parse'
import { printJsonLine, printNote, printTable } from '../output'

interface DeliveriesOptions {
  status?: DeliveryStatus
  event?: string
  limit: number
  json?: boolean
}

async function runDeliveries(opts: DeliveriesOptions, command: Command): Promise<void> {
  await withContract(command, async (call) => {
    const { items, total } = await call('deliveries.list', {
      limit: opts.limit,
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.event !== undefined ? { event: opts.event } : {})
    })
    if (opts.json) {
      for (const d of items) printJsonLine(d)
      return
    }
    printTable<Delivery>(
      items,
      [
        { header: 'ID', value: (d) => d.id },
        { header: 'CREATED', value: (d) => d.createdAt },
        { header: 'EVENT', value: (d) => d.event ?? '-', max: 28 },
        { header: 'TARGET', value: (d) => d.url, max: 50 },
        { header: 'STATUS', value: (d) => d.status },
        { header: 'CODE', value: (d) => (d.lastResponseCode === null ? '-' : String(d.lastResponseCode)), align: 'right' },
        { header: 'ATTEMPTS', value: (d) => `${d.attemptCount}/${d.maxAttempts}`, align: 'right' },
        { header: 'NEXT RETRY', value: (d) => d.nextAttemptAt ?? '' },
        // Paused / cancelled say why (the endpoint is Inactive or was deleted); others show the last error.
        { header: 'ERROR / REASON', value: (d) => d.statusReason ?? d.lastError ?? '', max: 60 }
      ],
      'no deliveries match: send one with `kyc-hooks send EVENT --to URL`'
    )
    if (items.length < total) printNote(`showing ${items.length} of ${total}: pass --limit N to see more`)
  })
}

/** Registers `deliveries`. */
export function registerDeliveries(program: Command): void {
  program
    .command('deliveries')
    .description('list webhook deliveries (the send log), newest first')
    .option('--status <status>', 'only success, error, pending, paused (endpoint inactive) or cancelled (endpoint deleted)', choiceOption(DeliveryStatus.options))
    .option('--event <event>', 'only this event')
    .option('--limit <n>', 'at most N deliveries (default 50)', intOption('--limit', 1, 10_000), 50)
    .option('--json', 'one JSON object per line')
    .action((opts: DeliveriesOptions, command: Command) => runDeliveries(opts, command))
}
