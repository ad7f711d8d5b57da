/**
 * `kyc-hooks platform`: run the mock Smart KYC platform in the foreground. Its REST API
 * (API-key auth, the documented rate limits) and the sender's outbox run in this process,
 * so the webhooks its operations cause are delivered to the active endpoints with nothing
 * else running. The base URL is the first line on stdout; each answered request follows.
 */
import type { Command } from 'commander'
import { contractCall } from '../contract-call'
import { addBindOptions, openWorkbench } from '../options'
import { intOption } from '../parse'
import { printLine, printNote, safeLine } from '../output'
import { runUntilStopped } from '../stop-signal'

interface PlatformFlags {
  port: number
  host: string
  rate: number
  burst: number
}

async function runPlatform(flags: PlatformFlags, command: Command): Promise<void> {
  await runUntilStopped({
    open: () => openWorkbench(command, { background: false }),
    async run(wb) {
      const call = contractCall(wb)
      let creds = await call('credentials.get', {})
      if (!creds) {
        creds = await call('credentials.create', {})
        printNote(`Created API credentials. API key: ${creds.apiKey}`)
        printNote(`API secret (shown once; webhooks are signed with it): ${creds.secret ?? ''}`)
      }
      const status = await call('platform.start', { port: flags.port, host: flags.host, rate: flags.rate, burst: flags.burst })
      printLine(status.baseUrl ?? '')
      printNote(`Mock Smart KYC platform API (a local MOCK: the paths are inferred, not documented by Smart KYC). Data: ${wb.dbFile}`)
      printNote(`Authenticate with X-API-Key: ${creds.apiKey} (or ?api_key=). Limits: ${flags.rate}/min per key, bursts up to ${flags.burst}.`)
      printNote(`OpenAPI 3.1: ${status.baseUrl ?? ''}/openapi.json`)
      printNote(`Try: curl -s -X POST ${status.baseUrl ?? ''}/invitations -H 'X-API-Key: ${creds.apiKey}' -H 'Content-Type: application/json' -d '{"customerEmail":"john.doe@example.com"}'`)
      const active = (await call('endpoints.list', {})).filter((e) => e.active)
      if (active.length === 0) {
        printNote('No active endpoint: events are recorded but not sent. Add one: kyc-hooks endpoints add NAME URL')
      } else {
        printNote(`Events go to ${active.length} active endpoint(s): ${active.map((e) => safeLine(e.url)).join(', ')}`)
      }
      if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1') {
        printNote(`Warning: bound to ${flags.host}, so other machines can reach the API (they still need the API key).`)
      }
      printNote('Ctrl+C to stop.')
      // The request log, live: the contract's `platform.request` event, as `listen` follows `capture.received`.
      return wb.bus.on('platform.request', (r) => {
        const events = r.events.length ? `  → ${r.events.join(', ')}` : ''
        printLine(safeLine(`${r.method} ${r.path} ${r.status} key ${r.keyMasked ?? '(none)'}${events}`))
      })
    },
    stopping: 'Stopping the mock platform…',
    close: (wb) => wb.close()
  })
}

/** Registers `platform`. */
export function registerPlatform(program: Command): void {
  const platformCommand = program
    .command('platform')
    .description('run the mock Smart KYC platform: its REST API, whose calls cause the webhooks (a local mock)')
  addBindOptions(platformCommand, { help: 'port for the API', default: 8787 })
    .option('--rate <n>', 'sustained requests per minute per API key (documented: 100)', intOption('--rate', 1, 1_000_000), 100)
    .option('--burst <n>', 'requests a fresh key may make at once (documented: bursts up to 200)', intOption('--burst', 1, 1_000_000), 200)
    .addHelpText(
      'after',
      '\nPaths (inferred): POST/GET /v1/invitations, GET /v1/invitations/{id}, POST /v1/invitations/{id}/cancel,\n' +
        'GET /v1/submissions, GET/PATCH /v1/submissions/{id}, and the mock-only customer side:\n' +
        'POST /v1/simulate/invitations/{id}/complete, POST /v1/simulate/aml-matches/{id}/dismiss. OpenAPI: GET /v1/openapi.json.'
    )
    .action((flags: PlatformFlags, command: Command) => runPlatform(flags, command))
}
