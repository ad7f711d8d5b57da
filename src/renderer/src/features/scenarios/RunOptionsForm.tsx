/** The run's options: where to deliver, how fast, and the chaos. */
import { useEffect, useState } from 'react'
import type { Endpoint } from '../../../../shared/models'
import type { RunOptions } from '../../../../shared/scenario-models'
import { call } from '../../api/client'

export interface RunForm {
  target: 'active' | 'url' | 'endpoint'
  url: string
  endpointId: string
  speed: string
  duplicates: string
  shuffle: boolean
  jitterMs: string
  drop: string
  seed: string
}

export const DEFAULT_FORM: RunForm = { target: 'active', url: '', endpointId: '', speed: '10', duplicates: '0', shuffle: false, jitterMs: '0', drop: '0', seed: '' }

/** The form as run options; the engine checks the ranges and names a bad field. */
export function formToOptions(f: RunForm): RunOptions {
  return {
    to: f.target === 'url' ? f.url.trim() : undefined,
    endpointId: f.target === 'endpoint' ? f.endpointId : undefined,
    speed: Number(f.speed),
    duplicates: Number(f.duplicates),
    shuffle: f.shuffle,
    jitterMs: Number(f.jitterMs),
    drop: Number(f.drop),
    seed: f.seed.trim() === '' ? undefined : Number(f.seed)
  }
}

export default function RunOptionsForm({ form, onChange }: { form: RunForm; onChange(f: RunForm): void }) {
  const [endpoints, setEndpoints] = useState<Endpoint[]>([])
  useEffect(() => {
    void call('endpoints.list', {}).then(setEndpoints).catch(() => undefined)
  }, [])
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]): void => onChange({ ...form, [key]: value })
  return (
    <section className="section scenario-options" aria-labelledby="scenario-options-title">
      <div className="section-title">
        <h2 id="scenario-options-title">Options</h2>
      </div>
      <label className="scenario-field">
        <span className="field-label">Deliver to</span>
        <select value={form.target} onChange={(e) => set('target', e.target.value as RunForm['target'])} data-testid="scenario-target">
          <option value="active">Every active endpoint</option>
          <option value="endpoint">One saved endpoint</option>
          <option value="url">A URL</option>
        </select>
      </label>
      {form.target === 'url' ? (
        <label className="scenario-field">
          <span className="field-label">URL</span>
          <input value={form.url} placeholder="http://127.0.0.1:3000/webhooks" onChange={(e) => set('url', e.target.value)} data-testid="scenario-url" />
        </label>
      ) : null}
      {form.target === 'endpoint' ? (
        <label className="scenario-field">
          <span className="field-label">Endpoint</span>
          <select value={form.endpointId} onChange={(e) => set('endpointId', e.target.value)} data-testid="scenario-endpoint">
            <option value="">Choose…</option>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} ({e.url})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="scenario-option-grid">
        <label className="scenario-field">
          <span className="field-label">Speed (×)</span>
          <input value={form.speed} inputMode="decimal" onChange={(e) => set('speed', e.target.value)} data-testid="scenario-speed" />
        </label>
        <label className="scenario-field">
          <span className="field-label">Duplicates (0–1)</span>
          <input value={form.duplicates} inputMode="decimal" onChange={(e) => set('duplicates', e.target.value)} data-testid="scenario-duplicates" />
        </label>
        <label className="scenario-field">
          <span className="field-label">Drop, deliver late (0–1)</span>
          <input value={form.drop} inputMode="decimal" onChange={(e) => set('drop', e.target.value)} data-testid="scenario-drop" />
        </label>
        <label className="scenario-field">
          <span className="field-label">Jitter (ms)</span>
          <input value={form.jitterMs} inputMode="numeric" onChange={(e) => set('jitterMs', e.target.value)} data-testid="scenario-jitter" />
        </label>
        <label className="scenario-field">
          <span className="field-label">Seed</span>
          <input value={form.seed} inputMode="numeric" placeholder="random" onChange={(e) => set('seed', e.target.value)} data-testid="scenario-seed" />
        </label>
        <label className="scenario-check">
          <input type="checkbox" checked={form.shuffle} onChange={(e) => set('shuffle', e.target.checked)} data-testid="scenario-shuffle" />
          <span>Shuffle the order</span>
        </label>
      </div>
    </section>
  )
}
