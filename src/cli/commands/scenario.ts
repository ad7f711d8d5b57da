/**
 * `kyc-hooks scenario list|show NAME|run NAME`: the named KYC scenarios (built-in and the
 * user's, in <data folder>/scenarios) run through the mock platform's own operations, with
 * per-run chaos. `run` waits for the steps and each delivery's first attempt, prints the
 * timeline and exits 0 when every delivery succeeded, 1 otherwise (2 on usage errors). Like
 * `send`, a one-shot command makes first attempts only: failed deliveries keep their retry
 * schedule in the shared database for the desktop app or `serve` to finish.
 */
import { InvalidArgumentError, type Command } from 'commander'
import type { ScenarioInfo, ScenarioTimeline, TimelineEntry } from '../../shared/scenario-models'
import { EXIT_NEGATIVE } from '../errors'
import type { EventBus } from '../../core/event-bus'
import { contractCall } from '../contract-call'
import { setExitCode, withContract, withWorkbench } from '../options'
import { intOption, parseHttpUrl } from '../parse'
import { printJson, printLine, printNote, printTable, safeLine } from '../output'

interface RunFlags {
  to?: string
  endpoint?: string
  speed: number
  duplicates: number
  shuffle?: boolean
  jitter: number
  drop: number
  seed?: number
  json?: boolean
}

/** `10x`, `10` or `0.5x`: how many times faster than the scenario's own spacing. */
export function parseSpeed(value: string): number {
  const m = /^(\d+(?:\.\d+)?)x?$/i.exec(value.trim())
  const n = m ? Number(m[1]) : Number.NaN
  if (!(n >= 0.01 && n <= 10_000)) throw new InvalidArgumentError('speed must look like 10x (from 0.01x to 10000x)')
  return n
}

/** A fraction from 0 to 1, e.g. 0.2. */
function fraction(what: string): (value: string) => number {
  return (value) => {
    const n = /^\d*\.?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
    if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`${what} must be a fraction from 0 to 1, e.g. 0.2`)
    return n
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`
}

function describeEntry(e: TimelineEntry): { at: string; what: string; detail: string } {
  if (e.kind === 'step') {
    return { at: seconds(e.actualMs), what: `step ${e.index + 1} ${e.op}`, detail: e.error ? `error: ${e.error}` : e.events.join(', ') }
  }
  const marks = e.chaos.length ? ` [${e.chaos.join(', ')}${e.jitterMs ? `, +${e.jitterMs}ms jitter` : ''}]` : e.jitterMs ? ` [+${e.jitterMs}ms jitter]` : ''
  const answer = e.responseCode === null ? (e.error ?? e.status) : String(e.responseCode)
  return { at: seconds(e.actualMs), what: `  → ${e.event}${marks}`, detail: `${e.status} ${answer} ${e.target} ${e.deliveryId ?? ''}`.trim() }
}

function printTimeline(t: ScenarioTimeline): void {
  // Steps and deliveries interleaved as they happened.
  const entries = [...t.entries].sort((a, b) => a.actualMs - b.actualMs)
  printTable(entries.map(describeEntry), [
    { header: 'AT', value: (r) => r.at, align: 'right' },
    { header: 'WHAT', value: (r) => r.what },
    { header: 'RESULT', value: (r) => r.detail }
  ], 'Nothing happened.')
  printLine()
  printLine(safeLine(`Run ${t.id} (${t.scenario}, seed ${t.seed}): ${t.status}; ${t.succeeded} of ${t.deliveries} deliveries succeeded.`))
  printLine(safeLine(`Ids: invitation ${t.ids.invitationId ?? '-'}, submission ${t.ids.submissionId ?? '-'}, AML match ${t.ids.matchId ?? '-'}`))
  if (t.error) printNote(safeLine(t.error))
}

/**
 * Resolves once the run `id` has ended, told by its last `scenario.progress` event (the
 * contract's `scenarios.run` answers at once). Subscribed before the run starts, because a
 * short run can end before that answer arrives.
 */
function watchRunEnd(bus: EventBus): { ended(id: string): Promise<void>; stop(): void } {
  const ended = new Set<string>()
  let waiting: { id: string; resolve: () => void } | null = null
  const stop = bus.on('scenario.progress', (run) => {
    if (run.status === 'running') return
    ended.add(run.id)
    if (waiting?.id === run.id) waiting.resolve()
  })
  return {
    ended: (id) => new Promise<void>((resolve) => (ended.has(id) ? resolve() : (waiting = { id, resolve }))),
    stop
  }
}

/**
 * Resolves once the run reads as ended, checking once a second; `stop()` ends the polling
 * (and its timer) when the event has answered first.
 */
function pollUntilEnded(read: () => Promise<ScenarioTimeline>): { ended: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const ended = new Promise<void>((resolve) => {
    const check = (): void => {
      timer = setTimeout(() => {
        read().then(
          (t) => (t.status !== 'running' ? resolve() : stopped || check()),
          () => stopped || check()
        )
      }, RUN_POLL_MS)
    }
    check()
  })
  return {
    ended,
    stop: () => {
      stopped = true
      clearTimeout(timer)
    }
  }
}

const RUN_POLL_MS = 1_000

async function runRun(name: string, flags: RunFlags, command: Command): Promise<void> {
  const to = flags.to === undefined ? undefined : parseHttpUrl('--to', flags.to)
  if (to && flags.endpoint) throw new InvalidArgumentError('give --to URL or --endpoint ID, not both')
  await withWorkbench(command, async (wb) => {
    const call = contractCall(wb)
    if (!(await call('credentials.get', {}))) {
      const creds = await call('credentials.create', {})
      printNote(`Created API credentials to sign with. API secret (shown once): ${creds.secret ?? ''}`)
    }
    const run = watchRunEnd(wb.bus)
    try {
      const started = await call('scenarios.run', {
        name,
        options: {
          to,
          endpointId: flags.endpoint,
          speed: flags.speed,
          duplicates: flags.duplicates,
          shuffle: flags.shuffle === true,
          jitterMs: flags.jitter,
          drop: flags.drop,
          seed: flags.seed
        }
      })
      if (!flags.json) printNote(`Running ${started.scenario} (run ${started.id}, seed ${started.seed}) at ${flags.speed}x…`)
      // The event is the prompt answer; the poll is the backstop should a run ever end without one.
      const poll = pollUntilEnded(() => call('scenarios.timeline', { id: started.id }))
      await Promise.race([run.ended(started.id), poll.ended]).finally(() => poll.stop())
      const timeline = await call('scenarios.timeline', { id: started.id })
      if (flags.json) printJson(timeline)
      else printTimeline(timeline)
      if (timeline.status !== 'done') setExitCode(EXIT_NEGATIVE)
    } finally {
      run.stop()
    }
  })
}

function printInfo(s: ScenarioInfo): void {
  printLine(safeLine(`${s.name} (${s.source}${s.file ? `: ${s.file}` : ''})`))
  if (s.description) printLine(safeLine(s.description))
  printLine()
  printTable(s.steps, [
    { header: 'DELAY', value: (st) => seconds(st.delayMs), align: 'right' },
    { header: 'OP', value: (st) => st.op },
    { header: 'ARGS', value: (st) => JSON.stringify(st.args) }
  ], 'No steps.')
  printLine()
  printLine(safeLine(`Events: ${s.events.join(', ')}`))
}

/** Registers `scenario`. */
export function registerScenario(program: Command): void {
  const scenario = program.command('scenario').description('run named KYC scenarios through the mock platform, with chaos options')

  scenario
    .command('list')
    .description('built-in scenarios and yours (<data folder>/scenarios/*.yaml|yml|json), and any file errors')
    .option('--json', 'one JSON document: scenarios and problems')
    .action(async (flags: { json?: boolean }, command: Command) =>
      withContract(command, async (call) => {
        const { scenarios, problems } = await call('scenarios.list', {})
        if (flags.json) return printJson({ scenarios, problems })
        printTable(scenarios, [
          { header: 'NAME', value: (s) => s.name },
          { header: 'SOURCE', value: (s) => s.source },
          { header: 'LENGTH', value: (s) => seconds(s.durationMs), align: 'right' },
          { header: 'EVENTS', value: (s) => s.events.join(', '), max: 120 }
        ], 'No scenarios.')
        for (const p of problems) {
          printNote(safeLine(`${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.field ? `${p.field}: ` : ''}${p.message}`))
        }
        if (problems.length) setExitCode(EXIT_NEGATIVE)
      })
    )

  scenario
    .command('show')
    .description('the steps, delays and events of one scenario')
    .argument('<NAME>', 'e.g. happy-path (see kyc-hooks scenario list)')
    .option('--json', 'the scenario as JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) =>
      withContract(command, async (call) => {
        const info = await call('scenarios.get', { name })
        if (flags.json) printJson(info)
        else printInfo(info)
      })
    )

  scenario
    .command('run')
    .description('run a scenario; prints the timeline (exit 0 when every delivery succeeded, 1 otherwise)')
    .argument('<NAME>', 'e.g. happy-path (see kyc-hooks scenario list)')
    .option('--to <url>', 'deliver to this URL (default: every active endpoint)')
    .option('--endpoint <id>', 'deliver to this saved endpoint only')
    .option('--speed <speed>', 'run the delays this many times faster, e.g. 10x', parseSpeed, 1)
    .option('--duplicates <fraction>', 'send this fraction of deliveries twice (same bytes and signature), e.g. 0.2', fraction('--duplicates'), 0)
    .option('--shuffle', 'deliver the events in a random order')
    .option('--jitter <ms>', 'up to this many random extra milliseconds before each delivery', intOption('--jitter', 0, 600_000), 0)
    .option('--drop <fraction>', 'hold this fraction of events back and deliver them after the rest, e.g. 0.1', fraction('--drop'), 0)
    .option('--seed <n>', 'seed for the chaos choices (the same seed makes the same choices)', intOption('--seed', 0, 2 ** 31 - 1))
    .option('--json', 'the timeline as one JSON document')
    .action((name: string, flags: RunFlags, command: Command) => runRun(name, flags, command))
}
