/**
 * SQL for the `listeners` table and the mapping between rows and ListenerConfig.
 * Runtime state (running, actual port) is never stored: it belongs to the manager.
 */
import type { Db } from '../store/database'
import { readJsonColumn } from '../store/json-column'
import { ResponseRule } from '../../shared/models'
import type { ListenerConfig } from './types'

interface ListenerRow {
  id: string
  name: string
  host: string
  port: number
  protocol: 'https' | 'http'
  secrets: string
  use_api_secret: number
  rule: string
  forward_to: string | null
  body_limit_bytes: number
  auto_start: number
  created_at: string
  updated_at: string
}

/** Named statements over `listeners`. */
export function createListenersRepo(db: Db) {
  const all = db.prepare<[], ListenerRow>('SELECT * FROM listeners ORDER BY created_at, id')
  const one = db.prepare<[string], ListenerRow>('SELECT * FROM listeners WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO listeners (id, name, host, port, protocol, secrets, use_api_secret, rule, forward_to,
       body_limit_bytes, auto_start, created_at, updated_at)
     VALUES (@id, @name, @host, @port, @protocol, @secrets, @use_api_secret, @rule, @forward_to,
       @body_limit_bytes, @auto_start, @created_at, @updated_at)`
  )
  const update = db.prepare(
    `UPDATE listeners SET name = @name, host = @host, port = @port, protocol = @protocol, secrets = @secrets,
       use_api_secret = @use_api_secret, rule = @rule, forward_to = @forward_to, body_limit_bytes = @body_limit_bytes,
       auto_start = @auto_start, updated_at = @updated_at
     WHERE id = @id`
  )
  const remove = db.prepare<[string]>('DELETE FROM listeners WHERE id = ?')

  return {
    list: (): ListenerConfig[] => all.all().map(fromRow),
    get: (id: string): ListenerConfig | null => {
      const row = one.get(id)
      return row ? fromRow(row) : null
    },
    insert: (config: ListenerConfig): void => void insert.run(toRow(config)),
    update: (config: ListenerConfig): void => void update.run(toRow(config)),
    remove: (id: string): boolean => remove.run(id).changes > 0
  }
}

export type ListenersRepo = ReturnType<typeof createListenersRepo>

function toRow(c: ListenerConfig): ListenerRow {
  return {
    id: c.id,
    name: c.name,
    host: c.host,
    port: c.port,
    protocol: c.protocol,
    secrets: JSON.stringify(c.secrets),
    use_api_secret: c.useApiSecret ? 1 : 0,
    rule: JSON.stringify(c.rule),
    forward_to: c.forwardTo,
    body_limit_bytes: c.bodyLimitBytes,
    auto_start: c.autoStart ? 1 : 0,
    created_at: c.createdAt,
    updated_at: c.updatedAt
  }
}

function fromRow(r: ListenerRow): ListenerConfig {
  // The rule is re-parsed so a row written by an older version gains new fields' defaults.
  const rule = ResponseRule.safeParse(readJsonColumn(r.rule))
  const secrets = readJsonColumn(r.secrets)
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    protocol: r.protocol,
    secrets: Array.isArray(secrets) ? secrets.filter((s): s is string => typeof s === 'string') : [],
    useApiSecret: r.use_api_secret === 1,
    rule: rule.success ? rule.data : ResponseRule.parse({}),
    forwardTo: r.forward_to,
    bodyLimitBytes: r.body_limit_bytes,
    autoStart: r.auto_start === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}
