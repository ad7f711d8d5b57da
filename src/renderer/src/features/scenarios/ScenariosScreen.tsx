/**
 * Scenarios (#/scenarios): pick a built-in or user scenario, set the target, speed and chaos
 * options, Run; the run's progress arrives live (scenario.progress) and its timeline is
 * drawn; past runs stay selectable. Runs drive the mock platform's own operations, so the
 * webhooks are what its API would cause, sent signed through the sender (see Deliveries).
 */
import { useCallback, useEffect, useState } from 'react'
import type { ScenarioInfo, ScenarioProblem, ScenarioRun, ScenarioTimeline } from '../../../../shared/scenario-models'
import { call, subscribe } from '../../api/client'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import ScreenHeader from '../../ui/ScreenHeader'
import RunOptionsForm, { DEFAULT_FORM, formToOptions, type RunForm } from './RunOptionsForm'
import TimelineChart from './TimelineChart'
import { formatMs } from './timeline-layout'
import './scenarios.css'

function statusBadge(run: ScenarioRun, testId: string) {
  const tone = run.status === 'done' ? 'ok' : run.status === 'failed' ? 'bad' : 'info'
  return (
    <Badge tone={tone} testId={testId}>
      {run.status === 'running' ? 'Running' : run.status === 'done' ? 'Done' : 'Failed'}
    </Badge>
  )
}

export default function ScenariosScreen() {
  const [scenarios, setScenarios] = useState<ScenarioInfo[]>([])
  const [problems, setProblems] = useState<ScenarioProblem[]>([])
  const [selected, setSelected] = useState('happy-path')
  const [form, setForm] = useState<RunForm>(DEFAULT_FORM)
  const [runs, setRuns] = useState<ScenarioRun[]>([])
  const [shownRun, setShownRun] = useState<string | null>(null)
  const [timeline, setTimeline] = useState<ScenarioTimeline | null>(null)
  const [busy, setBusy] = useState(false)

  const report = useCallback((err: unknown, what: string) => useWorkbench.getState().app.reportError(err, what), [])

  const loadRuns = useCallback(async () => setRuns(await call('scenarios.runs', { limit: 50 })), [])

  useEffect(() => {
    void call('scenarios.list', {})
      .then((r) => {
        setScenarios(r.scenarios)
        setProblems(r.problems)
      })
      .catch((err: unknown) => report(err, 'Loading scenarios'))
    void loadRuns().catch((err: unknown) => report(err, 'Loading runs'))
  }, [loadRuns, report])

  useEffect(() => {
    if (!shownRun) return
    let live = true
    const refresh = (): void =>
      void call('scenarios.timeline', { id: shownRun })
        .then((t) => live && setTimeline(t))
        .catch(() => undefined)
    refresh()
    const off = subscribe('scenario.progress', (run) => {
      setRuns((list) => (list.some((r) => r.id === run.id) ? list.map((r) => (r.id === run.id ? run : r)) : [run, ...list]))
      if (run.id === shownRun) refresh()
    })
    return () => {
      live = false
      off()
    }
  }, [shownRun])

  async function run(): Promise<void> {
    setBusy(true)
    try {
      const started = await call('scenarios.run', { name: selected, options: formToOptions(form) })
      setRuns((list) => [started, ...list])
      setShownRun(started.id)
    } catch (err) {
      report(err, 'Running the scenario')
    } finally {
      setBusy(false)
    }
  }

  const info = scenarios.find((s) => s.name === selected)
  return (
    <div className="screen scenarios">
      <ScreenHeader title="Scenarios">
        <span className="faint">Named KYC flows through the mock platform, with chaos</span>
      </ScreenHeader>
      <div className="screen-body scenarios-grid">
        <div className="scenarios-col">
          <section className="section" aria-labelledby="scenario-list-title">
            <div className="section-title">
              <h2 id="scenario-list-title">Scenario</h2>
            </div>
            <ul className="scenario-list" data-testid="scenario-list">
              {scenarios.map((s) => (
                <li key={s.name}>
                  <label className={s.name === selected ? 'scenario-item selected' : 'scenario-item'}>
                    <input type="radio" name="scenario" checked={s.name === selected} onChange={() => setSelected(s.name)} data-testid={`scenario-${s.name}`} />
                    <span className="scenario-name">{s.name}</span>
                    <Badge tone={s.source === 'user' ? 'info' : 'neutral'}>{s.source}</Badge>
                    <span className="faint">{formatMs(s.durationMs)}</span>
                  </label>
                </li>
              ))}
            </ul>
            {problems.map((p, i) => (
              <p key={i} className="field-error-text" data-testid="scenario-problem">
                {p.file}
                {p.line === null ? '' : `:${p.line}`}: {p.field ? `${p.field}: ` : ''}
                {p.message}
              </p>
            ))}
            {info ? (
              <div className="scenario-info" data-testid="scenario-info">
                <p>{info.description}</p>
                <p className="mono scenario-events">{info.events.join(' → ')}</p>
              </div>
            ) : null}
            <p className="faint">
              Your own: YAML or JSON files in the data folder&apos;s <span className="mono">scenarios</span> folder (see the README).
            </p>
          </section>
          <RunOptionsForm form={form} onChange={setForm} />
          <Button variant="primary" testId="scenario-run" busy={busy} disabled={!info} onClick={() => void run()}>
            Run {selected}
          </Button>
        </div>
        <div className="scenarios-col">
          <section className="section" aria-labelledby="scenario-run-title">
            <div className="section-title">
              <h2 id="scenario-run-title">Timeline</h2>
              {timeline ? statusBadge(timeline, 'timeline-status') : null}
            </div>
            {timeline ? (
              <>
                <p className="scenario-run-summary" data-testid="run-summary">
                  <span className="mono">{timeline.id}</span> · {timeline.scenario} · seed {timeline.seed} · {timeline.succeeded} of {timeline.deliveries}{' '}
                  deliveries succeeded
                  {timeline.ids.invitationId ? (
                    <>
                      {' '}
                      · <span className="mono">{timeline.ids.invitationId}</span>
                    </>
                  ) : null}
                  {timeline.ids.submissionId ? (
                    <>
                      {' '}
                      · <span className="mono">{timeline.ids.submissionId}</span>
                    </>
                  ) : null}
                </p>
                {timeline.error ? <p className="field-error-text">{timeline.error}</p> : null}
                <TimelineChart entries={timeline.entries} />
                <p className="faint tl-legend">● delivered · ◆ duplicate · ▲ late (dropped, then delivered) · ■ step; hover a mark for its detail</p>
              </>
            ) : (
              <p className="muted">Run a scenario, or pick a past run, to see its timeline.</p>
            )}
          </section>
          <section className="section" aria-labelledby="scenario-runs-title">
            <div className="section-title">
              <h2 id="scenario-runs-title">Past runs</h2>
              <span className="faint">{runs.length}</span>
            </div>
            <ul className="scenario-runs" data-testid="scenario-runs">
              {runs.map((r) => (
                <li key={r.id}>
                  <button type="button" className={r.id === shownRun ? 'scenario-run-row selected' : 'scenario-run-row'} onClick={() => setShownRun(r.id)} data-testid="scenario-run-row">
                    {statusBadge(r, 'run-status')}
                    <span>{r.scenario}</span>
                    <span className="faint">
                      {r.succeeded}/{r.deliveries} · {new Date(r.startedAt).toLocaleTimeString()}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  )
}
