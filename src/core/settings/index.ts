/**
 * User settings in the `settings` key/value table: one row per top-level setting, its
 * value as JSON. Missing keys take the Settings schema's defaults; a stored value that no
 * longer validates (hand-edited, or from an older shape) falls back to its default rather
 * than making the whole Workbench unusable.
 */
import type { Db } from '../store/database'
import { readJsonColumn } from '../store/json-column'
import type { EventBus } from '../event-bus'
import type { ServiceOf } from '../../shared/workbench-api'
import { Settings } from '../../shared/models'
import { badInput } from '../../shared/errors'

export type SettingsService = Omit<ServiceOf<'settings'>, 'compactDatabase'> & {
  /** The settings now, defaults filled in. Cheap: cached until an update. */
  current(): Settings
}

type SettingsKey = keyof Settings

/** Creates the settings service over `db`; emits `settings.changed` after an update. */
export function createSettingsService(db: Db, bus: EventBus): SettingsService {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  )
  const keys = Object.keys(Settings.shape) as SettingsKey[]

  // Prepared once: db.pragma() re-prepares on every call.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  let cache: { settings: Settings; version: number } | null = null

  function load(): Settings {
    const stored = new Map(selectAll.all().map((r) => [r.key, r.value]))
    const merged: Record<string, unknown> = {}
    for (const key of keys) {
      const raw = stored.get(key)
      if (raw === undefined) continue
      const value = readJsonColumn(raw)
      // Validate field by field so one bad row costs only that setting.
      if (Settings.shape[key].safeParse(value).success) merged[key] = value
    }
    return Settings.parse(merged)
  }

  function current(): Settings {
    // data_version moves when another connection (the CLI, a second window) commits.
    const version = dataVersion.get() as number
    if (!cache || cache.version !== version) cache = { settings: load(), version }
    return cache.settings
  }

  const write = db.transaction((values: Settings, changedKeys: SettingsKey[]) => {
    for (const key of changedKeys) upsert.run(key, JSON.stringify(values[key]))
  })

  return {
    current,
    async get() {
      return current()
    },
    async update(patch) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      const result = Settings.safeParse({ ...current(), ...defined })
      if (!result.success) {
        const issue = result.error.issues[0]
        throw badInput(`setting ${issue?.path.join('.') || '?'} is not valid: ${issue?.message ?? 'invalid value'}`, result.error.issues)
      }
      write(result.data, Object.keys(defined).filter((k): k is SettingsKey => (keys as string[]).includes(k)))
      cache = null
      const next = current()
      bus.emit('settings.changed', next)
      return next
    }
  }
}
