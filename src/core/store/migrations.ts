/**
 * Numbered, forward-only migrations. `PRAGMA user_version` holds the number of the last
 * one applied; a database whose number is higher than the code knows was written by a
 * newer Workbench and is refused with a clear error rather than misread.
 *
 * Conventions: times are ISO 8601 UTC text; bodies are BLOBs (exact bytes); headers are
 * JSON arrays of [name, value] pairs in the order and case they travelled.
 */
import { CAPTURE_SEARCH_SQL, backfillCaptureSearch } from './capture-search-schema'
import { CAPTURE_FILTER_COUNTS_SQL, backfillCaptureFilterCounts } from './capture-filter-counts-schema'

export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * Runs with foreign keys off (outside the transaction, as SQLite requires), for a migration
   * that rebuilds a table other tables point at: dropping the old copy must not cascade.
   */
  rebuildsTables?: boolean
  /**
   * Fills what the SQL created from existing rows, inside the same transaction, reporting
   * `done` of `total` as it goes (a backfill over a large database takes seconds).
   */
  backfill?: (db: import('./database').Db, progress: (done: number, total: number) => void) => void
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE credentials (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        api_key TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT,
        valid_until TEXT
      );

      CREATE TABLE listeners (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('https', 'http')),
        secrets TEXT NOT NULL,
        use_api_secret INTEGER NOT NULL,
        rule TEXT NOT NULL,
        forward_to TEXT,
        body_limit_bytes INTEGER NOT NULL,
        auto_start INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE captures (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        listener_id TEXT,
        source TEXT NOT NULL,
        received_at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL,
        http_version TEXT NOT NULL,
        remote_address TEXT NOT NULL,
        headers TEXT NOT NULL,
        body BLOB NOT NULL,
        body_size INTEGER NOT NULL,
        body_sha256 TEXT NOT NULL,
        body_truncated INTEGER NOT NULL,
        event TEXT,
        signature_status TEXT NOT NULL,
        signature_verdict TEXT NOT NULL,
        schema_status TEXT NOT NULL,
        schema_verdict TEXT NOT NULL,
        duplicate_of TEXT,
        response TEXT NOT NULL,
        response_status INTEGER,
        forward TEXT
      );
      CREATE INDEX captures_by_listener_body ON captures (listener_id, body_sha256);
      CREATE INDEX captures_by_event ON captures (event);

      CREATE TABLE endpoints (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        active INTEGER NOT NULL,
        headers TEXT NOT NULL,
        timeout_ms INTEGER NOT NULL,
        allow_local_http INTEGER NOT NULL,
        insecure_tls INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        event TEXT,
        body BLOB NOT NULL,
        signature TEXT,
        created_at TEXT NOT NULL,
        origin_kind TEXT NOT NULL,
        origin_id TEXT
      );

      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        endpoint_id TEXT,
        endpoint_name TEXT NOT NULL,
        url TEXT NOT NULL,
        request_headers TEXT NOT NULL,
        timeout_ms INTEGER NOT NULL,
        insecure_tls INTEGER NOT NULL,
        ca_file TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'success', 'error')),
        attempt_count INTEGER NOT NULL DEFAULT 0,
        retry_schedule TEXT NOT NULL,
        next_attempt_at TEXT,
        last_response_code INTEGER,
        last_response TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);

      CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        duration_ms REAL NOT NULL,
        request_url TEXT NOT NULL,
        request_headers TEXT NOT NULL,
        response_code INTEGER,
        response_headers TEXT NOT NULL,
        response_body BLOB NOT NULL,
        response_truncated INTEGER NOT NULL,
        error TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'error'))
      );
      CREATE INDEX attempts_by_delivery ON attempts (delivery_id, number);
    `
  },
  {
    // Deliveries of an Inactive endpoint are paused, those of a deleted one cancelled (with
    // the reason). SQLite cannot change a CHECK, so the table is rebuilt (sqlite.org/lang_altertable.html).
    version: 2,
    name: 'paused-and-cancelled-deliveries',
    rebuildsTables: true,
    sql: `
      CREATE TABLE deliveries_v2 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        endpoint_id TEXT,
        endpoint_name TEXT NOT NULL,
        url TEXT NOT NULL,
        request_headers TEXT NOT NULL,
        timeout_ms INTEGER NOT NULL,
        insecure_tls INTEGER NOT NULL,
        ca_file TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'success', 'error', 'paused', 'cancelled')),
        status_reason TEXT,
        attempt_count INTEGER NOT NULL DEFAULT 0,
        retry_schedule TEXT NOT NULL,
        next_attempt_at TEXT,
        last_response_code INTEGER,
        last_response TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO deliveries_v2 (seq, id, message_id, endpoint_id, endpoint_name, url, request_headers, timeout_ms,
        insecure_tls, ca_file, status, attempt_count, retry_schedule, next_attempt_at, last_response_code, last_response,
        last_error, created_at, updated_at)
      SELECT seq, id, message_id, endpoint_id, endpoint_name, url, request_headers, timeout_ms, insecure_tls, ca_file,
        status, attempt_count, retry_schedule, next_attempt_at, last_response_code, last_response, last_error, created_at,
        updated_at
      FROM deliveries;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_v2 RENAME TO deliveries;
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
      CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, status);
    `
  },
  {
    version: 3,
    name: 'delivery-health-indexes',
    // Delivery health reads the attempts of the last hour/day/week: a range on started_at
    // (ISO 8601 UTC text, so text order is time order) instead of a scan of every attempt.
    // Both indexes cover what the health queries read, so they never touch the wide rows
    // (response bodies, headers) of attempts or deliveries.
    sql: `
      CREATE INDEX IF NOT EXISTS attempts_by_started_at ON attempts (started_at, delivery_id, outcome, duration_ms);
      CREATE INDEX IF NOT EXISTS deliveries_endpoint_by_id ON deliveries (id, endpoint_id);
    `
  },
  {
    // The mock Smart KYC platform (src/core/platform): its state and its timers live here,
    // so an invitation's expiry survives a restart.
    version: 4,
    name: 'platform',
    sql: `
      CREATE TABLE platform_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE platform_workflows (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );

      CREATE TABLE platform_invitations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('sent', 'completed', 'cancelled', 'expired')),
        customer_email TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        workflow_name TEXT NOT NULL,
        submission_id TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        cancelled_at TEXT,
        cancel_reason TEXT,
        expired_at TEXT,
        completed_at TEXT
      );
      CREATE INDEX platform_invitations_due ON platform_invitations (status, expires_at);

      CREATE TABLE platform_submissions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        invitation_id TEXT NOT NULL,
        status TEXT NOT NULL,
        customer_email TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        workflow_name TEXT NOT NULL,
        responses TEXT NOT NULL,
        aml_result TEXT NOT NULL,
        rejection_reason TEXT,
        created_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        reviewed_at TEXT
      );
      CREATE INDEX platform_submissions_by_status ON platform_submissions (status, seq);

      CREATE TABLE platform_aml_matches (
        id TEXT PRIMARY KEY,
        submission_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'dismissed')),
        match_type TEXT NOT NULL,
        match_score REAL NOT NULL,
        matched_name TEXT NOT NULL,
        source_list TEXT NOT NULL,
        risk_level TEXT NOT NULL,
        created_at TEXT NOT NULL,
        dismissed_at TEXT,
        dismiss_reason TEXT
      );
      CREATE INDEX platform_aml_by_submission ON platform_aml_matches (submission_id);

      CREATE TABLE platform_requests (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        key_masked TEXT,
        status INTEGER NOT NULL,
        events TEXT NOT NULL,
        duration_ms REAL NOT NULL
      );

      CREATE TABLE platform_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event TEXT NOT NULL,
        body BLOB NOT NULL,
        cause TEXT,
        message_id TEXT,
        error TEXT,
        created_at TEXT NOT NULL
      );
    `
  },
  {
    // Self-contained (touches no other table): past handler audits, kept for before/after comparison.
    version: 5,
    name: 'audit_runs',
    sql: `
      CREATE TABLE audit_runs (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        endpoint_id TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        budget_ms INTEGER NOT NULL,
        summary TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE INDEX audit_runs_by_start ON audit_runs (started_at);
    `
  },
  {
    // Full-text search (FTS5, trigram) kept by triggers, and one index per inbox filter
    // (issue 10). Self-contained: renumber freely on merge.
    version: 6,
    name: 'capture-search-and-filter-indexes',
    sql: CAPTURE_SEARCH_SQL,
    backfill: backfillCaptureSearch
  },
  {
    version: 7,
    name: 'scenario runs',
    sql: `
      CREATE TABLE scenario_runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        scenario TEXT NOT NULL,
        options TEXT NOT NULL,
        seed INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        ids TEXT NOT NULL,
        deliveries INTEGER NOT NULL DEFAULT 0,
        succeeded INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        -- The timeline: a JSON array of steps and deliveries (planned and actual times, delivery ids, chaos marks).
        entries TEXT NOT NULL DEFAULT '[]'
      );
    `
  },
  {
    // Counts per filter combination kept by triggers, and one composite filter index in place
    // of five (issue 10). Self-contained: renumber freely on merge.
    version: 8,
    name: 'capture-filter-counts',
    sql: CAPTURE_FILTER_COUNTS_SQL,
    backfill: backfillCaptureFilterCounts
  }
]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version
