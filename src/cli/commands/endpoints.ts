/**
 * `kyc-hooks endpoints add|list|update|remove`: the saved webhook endpoints the mock
 * Smart KYC delivers to (name, URL, active, custom headers), as in the platform's form.
 */
import type { Command } from 'commander'
import type { MethodInput } from '../../shared/contract'
import { badInput } from '../../shared/errors'
import type { Endpoint } from '../../shared/models'
import { withContract } from '../options'
import { collect, intOption, parseHeader, parseHttpUrl } from '../parse'
import { printJson, printJsonLine, printLine, printTable } from '../output'
import { registerEndpointsHealth } from './endpoints-health'

interface EndpointFlags {
  name?: string
  url?: string
  header?: string[]
  clearHeaders?: boolean
  active?: boolean
  inactive?: boolean
  timeout?: number
  allowHttp?: boolean
  httpsOnly?: boolean
  insecure?: boolean
  verifyTls?: boolean
  json?: boolean
}

type EndpointPatch = MethodInput<'endpoints.update'>['patch']

function exclusive(opts: EndpointFlags, a: keyof EndpointFlags, b: keyof EndpointFlags, flagA: string, flagB: string): void {
  if (opts[a] && opts[b]) throw badInput(`${flagA} and ${flagB} contradict each other: pass one of them`)
}

/** The patch the flags describe; only given flags change anything. */
function patchFromFlags(opts: EndpointFlags): EndpointPatch {
  exclusive(opts, 'active', 'inactive', '--active', '--inactive')
  exclusive(opts, 'allowHttp', 'httpsOnly', '--allow-http', '--https-only')
  exclusive(opts, 'insecure', 'verifyTls', '--insecure', '--verify-tls')
  exclusive(opts, 'header', 'clearHeaders', '--header', '--clear-headers')
  const patch: EndpointPatch = {}
  if (opts.name !== undefined) patch.name = opts.name
  if (opts.url !== undefined) patch.url = parseHttpUrl('--url', opts.url)
  if (opts.header) patch.headers = opts.header.map(parseHeader)
  if (opts.clearHeaders) patch.headers = []
  if (opts.active) patch.active = true
  if (opts.inactive) patch.active = false
  if (opts.timeout !== undefined) patch.timeoutMs = opts.timeout
  if (opts.allowHttp) patch.allowLocalHttp = true
  if (opts.httpsOnly) patch.allowLocalHttp = false
  if (opts.insecure) patch.insecureTls = true
  if (opts.verifyTls) patch.insecureTls = false
  return patch
}

function printEndpoint(e: Endpoint, json: boolean | undefined): void {
  if (json) return printJson(e)
  printLine(`${e.id}  ${e.name}  ${e.url}  ${e.active ? 'active' : 'inactive'}`)
  for (const [name, value] of e.headers) printLine(`  ${name}: ${value}`)
}

function addFlags(cmd: Command, forUpdate: boolean): Command {
  if (forUpdate) {
    cmd.option('--name <name>', 'new name').option('--url <url>', 'new URL')
    cmd.option('--clear-headers', 'remove every custom header').option('--active', 'deliver to it again')
  }
  return cmd
    .option('--header <"Name: value">', 'custom header sent with every delivery (repeatable; replaces the list)', collect)
    .option('--inactive', 'keep it, but do not deliver to it')
    .option('--timeout <ms>', 'give up on an attempt after this long (default 10000)', intOption('--timeout', 100, 600_000))
    .option('--allow-http', 'allow an http:// URL to a local host (Smart KYC itself requires HTTPS)')
    .option('--insecure', 'do not verify the TLS certificate')
    .option('--json', 'print the endpoint as JSON')
}

/** Registers `endpoints` and its subcommands. */
export function registerEndpoints(program: Command): void {
  const endpoints = program.command('endpoints').description('manage the saved webhook endpoints that `send` and the app deliver to')

  addFlags(endpoints.command('add').description('save an endpoint'), false)
    .argument('<NAME>', 'a descriptive name')
    .argument('<URL>', 'the endpoint URL, e.g. https://example.test/webhooks')
    .action(async (name: string, url: string, opts: EndpointFlags, command: Command) => {
      const patch = patchFromFlags({ ...opts, name, url })
      const created = await withContract(command, (call) => call('endpoints.create', { ...patch, name, url: patch.url ?? url }))
      printEndpoint(created, opts.json)
    })

  endpoints
    .command('list')
    .description('list the saved endpoints')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const items = await withContract(command, (call) => call('endpoints.list', {}))
      if (opts.json) return items.forEach((e) => printJsonLine(e))
      printTable<Endpoint>(
        items,
        [
          { header: 'ID', value: (e) => e.id },
          { header: 'NAME', value: (e) => e.name, max: 30 },
          { header: 'URL', value: (e) => e.url, max: 60 },
          { header: 'ACTIVE', value: (e) => (e.active ? 'yes' : 'no') },
          { header: 'HEADERS', value: (e) => e.headers.map(([n]) => n).join(', '), max: 40 },
          { header: 'TIMEOUT', value: (e) => `${e.timeoutMs} ms`, align: 'right' },
          { header: 'TLS', value: (e) => (e.insecureTls ? 'NOT VERIFIED' : 'verified') }
        ],
        'no endpoints: add one with `kyc-hooks endpoints add NAME URL`'
      )
    })

  addFlags(endpoints.command('update').description('change a saved endpoint (only the flags you give)'), true)
    .argument('<ID>', 'an endpoint id from `kyc-hooks endpoints list`')
    .option('--https-only', 'refuse http:// again')
    .option('--verify-tls', 'verify the TLS certificate again')
    .action(async (id: string, opts: EndpointFlags, command: Command) => {
      const patch = patchFromFlags(opts)
      if (Object.keys(patch).length === 0) throw badInput('nothing to change: pass at least one flag, e.g. --url or --inactive')
      const updated = await withContract(command, (call) => call('endpoints.update', { id, patch }))
      printEndpoint(updated, opts.json)
    })

  endpoints
    .command('remove')
    .description('delete a saved endpoint (its past deliveries stay in the log)')
    .argument('<ID>', 'an endpoint id from `kyc-hooks endpoints list`')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withContract(command, (call) => call('endpoints.remove', { id }))
      printLine(`removed ${id}`)
    })

  registerEndpointsHealth(endpoints)
}
