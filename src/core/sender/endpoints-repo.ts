/**
 * The endpoints table: saved webhook targets. Owns its SQL; callers see Endpoint models.
 */
import type { Db } from '../store/database'
import { parseHeaders } from '../store/header-column'
import type { Endpoint } from '../../shared/models'

interface EndpointRow {
  id: string
  name: string
  url: string
  active: number
  headers: string
  timeout_ms: number
  allow_local_http: number
  insecure_tls: number
  created_at: string
  updated_at: string
}

function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    active: row.active === 1,
    headers: parseHeaders(row.headers),
    timeoutMs: row.timeout_ms,
    allowLocalHttp: row.allow_local_http === 1,
    insecureTls: row.insecure_tls === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

// outbox-repo reads its header columns with the same reader.

export interface EndpointsRepo {
  list(): Endpoint[]
  get(id: string): Endpoint | undefined
  insert(endpoint: Endpoint): void
  update(endpoint: Endpoint): void
  remove(id: string): boolean
}

export function createEndpointsRepo(db: Db): EndpointsRepo {
  const listStmt = db.prepare('SELECT * FROM endpoints ORDER BY created_at, id')
  const getStmt = db.prepare('SELECT * FROM endpoints WHERE id = ?')
  const insertStmt = db.prepare(
    `INSERT INTO endpoints (id, name, url, active, headers, timeout_ms, allow_local_http, insecure_tls, created_at, updated_at)
     VALUES (@id, @name, @url, @active, @headers, @timeout_ms, @allow_local_http, @insecure_tls, @created_at, @updated_at)`
  )
  const updateStmt = db.prepare(
    `UPDATE endpoints SET name = @name, url = @url, active = @active, headers = @headers, timeout_ms = @timeout_ms,
       allow_local_http = @allow_local_http, insecure_tls = @insecure_tls, updated_at = @updated_at
     WHERE id = @id`
  )
  const removeStmt = db.prepare('DELETE FROM endpoints WHERE id = ?')

  const toRow = (e: Endpoint): EndpointRow => ({
    id: e.id,
    name: e.name,
    url: e.url,
    active: e.active ? 1 : 0,
    headers: JSON.stringify(e.headers),
    timeout_ms: e.timeoutMs,
    allow_local_http: e.allowLocalHttp ? 1 : 0,
    insecure_tls: e.insecureTls ? 1 : 0,
    created_at: e.createdAt,
    updated_at: e.updatedAt
  })

  return {
    list: () => (listStmt.all() as EndpointRow[]).map(toEndpoint),
    get: (id) => {
      const row = getStmt.get(id) as EndpointRow | undefined
      return row ? toEndpoint(row) : undefined
    },
    insert: (e) => void insertStmt.run(toRow(e)),
    update: (e) => void updateStmt.run(toRow(e)),
    remove: (id) => removeStmt.run(id).changes > 0
  }
}
