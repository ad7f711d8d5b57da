/**
 * `kyc-hooks listen`: run one local listener in the foreground and print every capture as
 * it is committed. The listener is stored like any other (found by host + port, or created
 * as `cli :PORT`), so its captures show up in the desktop app and `serve` too.
 */
import type { Command } from 'commander'
import { WorkbenchError, badInput } from '../../shared/errors'
import type { MethodInput } from '../../shared/contract'
import type { Listener } from '../../shared/models'
import { startCaptureFeed } from '../capture-feed'
import { contractCall, type ContractCall } from '../contract-call'
import { addBindOptions, openWorkbench } from '../options'
import { collect, intOption, parseHttpUrl } from '../parse'
import { printLine, printNote } from '../output'
import { runUntilStopped } from '../stop-signal'

interface ListenOptions {
  port: number
  host: string
  http?: boolean
  https?: boolean
  secret?: string[]
  status?: number
  delay?: number
  failFirst?: number
  forwardTo?: string
  json?: boolean
}

type ListenerPatch = MethodInput<'listeners.update'>['patch']

/** The stored listener's patch from the flags the user actually gave; unspecified settings are kept. */
function patchFromFlags(opts: ListenOptions, existing: Listener | undefined): ListenerPatch {
  // A new listener gets the contract's defaults for what the flags leave out; a stored one keeps its own.
  const base = existing?.rule ?? {}
  const rule: NonNullable<ListenerPatch['rule']> = {
    ...base,
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.delay !== undefined ? { delayMs: opts.delay } : {}),
    ...(opts.failFirst !== undefined ? { failFirst: opts.failFirst } : {})
  }
  const patch: ListenerPatch = { rule }
  if (opts.http && opts.https) throw badInput('--http and --https contradict each other: pass one of them')
  if (opts.http) patch.protocol = 'http'
  else if (opts.https || !existing) patch.protocol = 'https'
  if (opts.secret) patch.secrets = opts.secret
  if (opts.forwardTo !== undefined) patch.forwardTo = opts.forwardTo === '' ? null : parseHttpUrl('--forward-to', opts.forwardTo)
  return patch
}

async function upsertListener(call: ContractCall, opts: ListenOptions): Promise<Listener> {
  const all = await call('listeners.list', {})
  const existing = all.find((l) => l.host === opts.host && l.port === opts.port)
  const patch = patchFromFlags(opts, existing)
  if (existing) return call('listeners.update', { id: existing.id, patch })
  return call('listeners.create', { ...patch, name: `cli :${opts.port}`, host: opts.host, port: opts.port })
}

async function banner(call: ContractCall, dbFile: string, listener: Listener, url: string, print: (line: string) => void): Promise<void> {
  print(`Listening on ${url}  (listener ${listener.id} "${listener.name}", data ${dbFile})`)
  if (listener.protocol === 'https') {
    const ca = await call('tls.ca', {})
    print(`TLS: the certificate comes from the Workbench's local CA ${ca.path}`)
    print(`  trust it with: curl --cacert ${ca.path} ...  |  NODE_EXTRA_CA_CERTS=${ca.path} node app.js  |  kyc-hooks ca export`)
  }
  // No character of any secret: a terminal is often shared, recorded or pasted into a ticket.
  const secrets = listener.secrets.length ? [`${listener.secrets.length} extra secret${listener.secrets.length === 1 ? '' : 's'} (--secret)`] : []
  if (listener.useApiSecret) {
    const creds = await call('credentials.get', {})
    if (creds) {
      secrets.push('API secret')
      if (creds.previous.length) secrets.push(`${creds.previous.length} previous API secret${creds.previous.length === 1 ? '' : 's'} still in grace`)
    }
  }
  if (secrets.length) {
    print(`Verifying signatures with: ${secrets.join(', ')}`)
    print('  see them in the app or `kyc-hooks serve`: Listeners (Reveal) and Settings > API credentials')
  }
  else {
    print('No secret to verify with: every signature will show as INVALID (no-secret).')
    print('  fix: pass --secret S (the API secret your sender signs with), or run `kyc-hooks credentials create`.')
  }
  const r = listener.rule
  const rule = [`answer ${r.status}`]
  if (r.delayMs) rule.push(`after ${r.delayMs} ms`)
  if (r.failFirst) rule.push(`${r.failureStatus} to the first ${r.failFirst} attempts of each body`)
  if (r.mode !== 'reply') rule.push(`mode ${r.mode}`)
  if (listener.forwardTo) rule.push(`forward to ${listener.forwardTo}`)
  print(`Reply: ${rule.join(', ')}`)
  print('Waiting for webhooks. Ctrl+C to stop.')
}

async function runListen(opts: ListenOptions, command: Command): Promise<void> {
  let listener: Listener | undefined
  await runUntilStopped({
    open: () => openWorkbench(command, { background: false }),
    async run(wb) {
      const call = contractCall(wb)
      listener = await upsertListener(call, opts)
      const id = listener.id
      const feed = startCaptureFeed(wb.bus, call, id, opts.json === true)
      const state = await call('listeners.start', { id })
      if (state.status !== 'running' || !state.url) {
        throw new WorkbenchError('port-in-use', state.error ?? `listener on ${opts.host}:${opts.port} did not start: choose another --port`)
      }
      await banner(call, wb.dbFile, listener, state.url, opts.json ? printNote : printLine)
      return () => feed.stop()
    },
    stopping: 'Stopping the listener…',
    async close(wb) {
      if (listener) await contractCall(wb)('listeners.stop', { id: listener.id }).catch(() => undefined)
      await wb.close()
    }
  })
}

/** Registers `listen`. */
export function registerListen(program: Command): void {
  const listenCommand = program
    .command('listen')
    .description('capture webhooks on a local HTTPS listener and print each one as it arrives')
  addBindOptions(listenCommand, { help: 'port to listen on', default: 8443 })
    .option('--http', 'plain HTTP instead of HTTPS')
    .option('--https', 'HTTPS with a certificate from the local CA (the default for a new listener)')
    .option('--secret <secret>', 'secret to verify X-SmartKYC-Signature with (repeatable; the API secret is also used)', collect)
    .option('--status <code>', 'status code to answer (default 200)', intOption('--status', 100, 599))
    .option('--delay <ms>', 'wait before answering (default 0)', intOption('--delay', 0, 600_000))
    .option('--fail-first <n>', 'answer 500 to the first N attempts of each body, to test retries', intOption('--fail-first', 0, 1000))
    .option('--forward-to <url>', "also forward each request to your app and answer with its response ('' to stop forwarding)")
    .option('--json', 'one JSON object per capture on stdout (the banner goes to stderr)')
    .addHelpText(
      'after',
      '\nThe listener for HOST:PORT is stored; flags you give change it, settings you leave out are kept.'
    )
    .action((opts: ListenOptions, command: Command) => runListen(opts, command))
}
