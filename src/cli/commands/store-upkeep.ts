/**
 * `kyc-hooks retention`: show or set how many captures to keep (the same setting as in
 * Settings; enforced in the background by serve, the app and `listen`).
 * `kyc-hooks vacuum`: compact the database file, with a line per step.
 */
import type { Command } from 'commander'
import { compactDatabase } from '../../core/store/compact'
import { withContract, withWorkbench } from '../options'
import { intOption } from '../parse'
import { printLine, printNote } from '../output'
import type { Settings } from '../../shared/models'

interface RetentionFlags {
  keep?: number
  days?: number
  off?: boolean
}

function retentionText(r: Settings['retention']): string {
  if (r.keepLast === null && r.keepDays === null) return 'Retention: keep every capture (no limit)'
  const parts = [
    ...(r.keepLast !== null ? [`the newest ${r.keepLast}`] : []),
    ...(r.keepDays !== null ? [`those of the last ${r.keepDays} day${r.keepDays === 1 ? '' : 's'}`] : [])
  ]
  return `Retention: keep ${parts.join(' and only ')}`
}

async function runRetention(flags: RetentionFlags, command: Command): Promise<void> {
  await withContract(command, async (call) => {
    const current = (await call('settings.get', {})).retention
    const changing = flags.off || flags.keep !== undefined || flags.days !== undefined
    if (!changing) return printLine(retentionText(current))
    const next = flags.off
      ? { keepLast: null, keepDays: null }
      : { keepLast: flags.keep ?? current.keepLast, keepDays: flags.days ?? current.keepDays }
    const saved = await call('settings.update', { retention: next })
    printLine(retentionText(saved.retention))
    if (!flags.off) printNote('Older captures are deleted in the background while serve, the app or `kyc-hooks listen` runs.')
  })
}

async function runVacuum(_flags: unknown, command: Command): Promise<void> {
  // Not `settings.compactDatabase`: the contract answers only at the end and pushes no step events, and vacuum prints each step as it starts.
  await withWorkbench(command, async (wb) => {
    const result = compactDatabase(wb.db, (p) => printLine(`step ${p.step}/${p.steps}: ${p.label}…`))
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`
    printLine(`Compacted ${wb.dbFile}: ${mb(result.beforeBytes)} → ${mb(result.afterBytes)}`)
  })
}

/** Registers `retention` and `vacuum`. */
export function registerStoreUpkeep(program: Command): void {
  program
    .command('retention')
    .description('show or set how many captures to keep (default: all)')
    .option('--keep <n>', 'keep only the newest N captures', intOption('--keep', 1, Number.MAX_SAFE_INTEGER))
    .option('--days <d>', 'keep only the captures of the last D days', intOption('--days', 1, 36_500))
    .option('--off', 'keep every capture again')
    .action((flags: RetentionFlags, command: Command) => runRetention(flags, command))
  program
    .command('vacuum')
    .description('compact the database file (gives the space of deleted captures back), with progress')
    .action((flags: unknown, command: Command) => runVacuum(flags, command))
}
