/**
 * Scenarios: the built-in ones and the user's (<data folder>/scenarios), runs with chaos
 * options, and the recorded timelines. A run drives the mock platform's own operations, so
 * its events are exactly what the API would cause, and they leave through the one sender.
 */
import { badInput, notFound, WorkbenchError } from '../../shared/errors'
import { RunOptions, type Scenario, type ScenarioInfo, type ScenarioRun } from '../../shared/scenario-models'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { PlatformOperations } from '../platform'
import type { EventEmitter, Route } from '../platform/event-emitter'
import type { Db } from '../store/database'
import type { ServiceOf } from '../../shared/workbench-api'
import { BUILT_IN_SCENARIOS } from './builtins'
import { eventsOf } from './events-of'
import { runScenario } from './runner'
import { createRunsRepo } from './runs-repo'
import { loadUserScenarios, problemText } from './user-scenarios'

export { BUILT_IN_SCENARIOS } from './builtins'
export { parseScenarioText, problemText, scenariosDir } from './user-scenarios'

export interface ScenariosDeps {
  db: Db
  bus: EventBus
  dataDir: string
  operations: PlatformOperations
  emitter: Pick<EventEmitter, 'divert' | 'send'>
  endpoints: { list(input: Record<string, never>): Promise<Array<{ id: string; active: boolean }>> }
  currentSecret(): string | null
}

export type ScenariosService = ServiceOf<'scenarios'> & {
  /** Resolves when the run has finished and its deliveries' first attempts are done. */
  settled(runId: string): Promise<ScenarioRun>
  /** Stops runs in flight at their next wait (the Workbench's close calls it). */
  shutdown(): Promise<void>
}

function infoOf(scenario: Scenario, source: ScenarioInfo['source'], file: string | null): ScenarioInfo {
  return {
    name: scenario.name,
    description: scenario.description,
    source,
    file,
    steps: scenario.steps,
    events: eventsOf(scenario.steps),
    durationMs: scenario.steps.reduce((sum, s) => sum + s.delayMs, 0)
  }
}

export function createScenariosService(deps: ScenariosDeps): ScenariosService {
  const repo = createRunsRepo(deps.db)
  const inFlight = new Map<string, Promise<ScenarioRun>>()
  const stop = new AbortController()

  function catalogue() {
    const user = loadUserScenarios(deps.dataDir)
    const builtIn = new Set(BUILT_IN_SCENARIOS.map((s) => s.name))
    const problems = [...user.problems]
    const infos = BUILT_IN_SCENARIOS.map((s) => infoOf(s, 'built-in', null))
    for (const u of user.scenarios) {
      if (builtIn.has(u.scenario.name)) {
        problems.push({ file: u.file, line: null, column: null, field: 'name', message: `"${u.scenario.name}" is a built-in scenario: give yours another name` })
      } else infos.push(infoOf(u.scenario, 'user', u.file))
    }
    return { scenarios: infos, problems }
  }

  function find(name: string): ScenarioInfo {
    const { scenarios, problems } = catalogue()
    const found = scenarios.find((s) => s.name === name)
    if (found) return found
    const broken = problems.filter((p) => p.file.replace(/\\/g, '/').split('/').pop()?.replace(/\.(json|ya?ml)$/i, '') === name)
    if (broken.length) throw badInput(`scenario ${JSON.stringify(name)} has errors: ${broken.map(problemText).join('; ')}`)
    throw notFound('scenario', name)
  }

  async function routeFor(options: RunOptions): Promise<Route> {
    if (options.to) return { to: [{ url: options.to, allowLocalHttp: true }] }
    const endpoints = await deps.endpoints.list({})
    if (options.endpointId) {
      if (!endpoints.some((e) => e.id === options.endpointId)) throw notFound('endpoint', options.endpointId)
      return { endpointIds: [options.endpointId] }
    }
    if (!endpoints.some((e) => e.active)) throw badInput('no active endpoint: add one, or pass a target URL (--to URL)')
    return {}
  }

  return {
    async list() {
      return catalogue()
    },
    async get({ name }) {
      return find(name)
    },
    async run({ name, options: raw }) {
      const info = find(name)
      const options = RunOptions.parse(raw)
      const route = await routeFor(options)
      if (!deps.currentSecret()) throw badInput('no API secret to sign with: create the API credentials first (kyc-hooks credentials create)')
      if (stop.signal.aborted) throw new WorkbenchError('conflict', 'the Workbench is closing')
      const run: ScenarioRun = {
        id: newId('run'),
        scenario: info.name,
        options: { ...options },
        seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        ids: { invitationId: null, submissionId: null, matchId: null },
        deliveries: 0,
        succeeded: 0,
        error: null
      }
      repo.insert(run)
      const scenario: Scenario = { name: info.name, description: info.description, steps: info.steps }
      const done = runScenario(
        {
          operations: deps.operations,
          emitter: deps.emitter,
          signal: stop.signal,
          onProgress: (r, entries) => {
            try {
              repo.save(r, entries)
            } catch {
              // The database is closing; the run stops at its next wait.
            }
            deps.bus.emit('scenario.progress', { ...r })
          }
        },
        run,
        scenario,
        options,
        route
      ).finally(() => inFlight.delete(run.id))
      inFlight.set(run.id, done)
      return { ...run }
    },
    async runs({ limit }) {
      return repo.list(limit)
    },
    async timeline({ id }) {
      const t = repo.timeline(id)
      if (!t) throw notFound('scenario run', id)
      return t
    },
    async settled(runId) {
      const running = inFlight.get(runId)
      if (running) return running
      const t = repo.timeline(runId)
      if (!t) throw notFound('scenario run', runId)
      const { entries: _entries, ...run } = t
      return run
    },
    async shutdown() {
      stop.abort()
      await Promise.allSettled([...inFlight.values()])
    }
  }
}
