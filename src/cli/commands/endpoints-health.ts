/**
 * `kyc-hooks endpoints health [--window 1h|24h|7d] [--json]`: per saved endpoint over the
 * window, the success rate, attempts, p50/p95 latency and the last error, as a table (or
 * the whole report as JSON for scripts and CI).
 */
import type { Command } from 'commander'
import { HEALTH_WINDOWS, type EndpointHealth, type HealthWindow } from '../../shared/health-models'
import { withContract } from '../options'
import { choiceOption } from '../parse'
import { printJson, printNote, printTable } from '../output'

/** "60.0%", or "-" for a window without attempts. */
export function formatRate(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '-'
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}

/** Registers `health` under `endpoints`. */
export function registerEndpointsHealth(endpoints: Command): void {
  endpoints
    .command('health')
    .description('success rate, attempts, p50/p95 latency and the last error of each endpoint over a window')
    .option('--window <1h|24h|7d>', 'how far back to count attempts', choiceOption(HEALTH_WINDOWS), '1h')
    .option('--json', 'print the whole report (with the chart series) as JSON')
    .action(async (opts: { window: HealthWindow; json?: boolean }, command: Command) => {
      const report = await withContract(command, (call) => call('endpoints.health', { window: opts.window }))
      if (opts.json) return printJson(report)
      printTable<EndpointHealth>(
        report.endpoints,
        [
          { header: 'ID', value: (e) => e.endpointId },
          { header: 'NAME', value: (e) => e.endpointName, max: 30 },
          { header: 'SUCCESS', value: (e) => `${formatRate(e.successRate)}${e.belowThreshold ? ' !' : ''}`, align: 'right' },
          { header: 'ATTEMPTS', value: (e) => `${e.successes}/${e.attempts}`, align: 'right' },
          { header: 'P50', value: (e) => formatMs(e.p50Ms), align: 'right' },
          { header: 'P95', value: (e) => formatMs(e.p95Ms), align: 'right' },
          { header: 'LAST ERROR', value: (e) => (e.lastError ? `${e.lastError.at}  ${e.lastError.message}` : '-'), max: 90 }
        ],
        'no endpoints: add one with `kyc-hooks endpoints add NAME URL`'
      )
      if (report.endpoints.length === 0) return
      const threshold = report.thresholdPercent > 0 ? `; ! marks a rate below the alert threshold of ${report.thresholdPercent}%` : '; alerts are off'
      printNote(`attempts in the last ${report.window} (${report.since} to ${report.until})${threshold}`)
    })
}
