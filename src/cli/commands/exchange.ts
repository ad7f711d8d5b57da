/**
 * `kyc-hooks export`, `import` and `curl`: captures out as HAR or NDJSON, HAR in (from a
 * browser or another tool), and a curl command that reproduces one capture exactly.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { readBytes, writeFileChecked } from '../input'
import { withWorkbench } from '../options'
import { choiceOption } from '../parse'
import { escapeJsonText, printBlock, printLine, printNote, writeBytes } from '../output'
import { decodeUtf8OrExplain } from '../send-body'

interface ExportOptions {
  format: 'har' | 'ndjson'
  out?: string
}

/** Registers `export`, `import` and `curl`. */
export function registerExchange(program: Command): void {
  program
    .command('export')
    .description('export captures as HAR 1.2 or NDJSON (all of them, or the ids given)')
    .argument('[ID...]', 'only these captures (cap_…) and deliveries (dlv_…; one HAR entry per attempt)')
    .requiredOption('--format <format>', 'har or ndjson', choiceOption(['har', 'ndjson'] as const))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (ids: string[], opts: ExportOptions, command: Command) => {
      const result = await withWorkbench(command, (wb) =>
        wb.exchange.export({ format: opts.format, ...(ids.length ? { ids } : {}) })
      )
      // JSON.stringify leaves C1 controls, U+2028/9 and bidi overrides raw; escaping them
      // keeps the same JSON values and makes the file safe to cat in a terminal.
      const content = escapeJsonText(result.content)
      if (opts.out === undefined) return writeBytes(content)
      await writeFileChecked(opts.out, content)
      printNote(`wrote ${path.resolve(opts.out)}`)
    })

  program
    .command('import')
    .description('import the requests of a HAR file as captures (all or nothing)')
    .argument('<FILE>', "a .har file ('-' for stdin)")
    .action(async (file: string, _opts: unknown, command: Command) => {
      const content = decodeUtf8OrExplain(await readBytes(file), file === '-' ? 'stdin' : file)
      const { imported } = await withWorkbench(command, (wb) => wb.exchange.importHar({ content }))
      printLine(`imported ${imported} capture${imported === 1 ? '' : 's'}: list them with \`kyc-hooks captures\``)
    })

  program
    .command('curl')
    .description('print a curl command that sends one capture (or delivery) again, byte for byte')
    .argument('<ID>', 'a capture id from `kyc-hooks captures`, or a delivery id (dlv_…) from `kyc-hooks deliveries`')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { command: curl } = await withWorkbench(command, (wb) =>
        id.startsWith('dlv_') ? wb.deliveries.curl({ id }) : wb.captures.curl({ id })
      )
      printBlock(curl)
    })
}
