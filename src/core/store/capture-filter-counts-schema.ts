/**
 * Schema for inbox filters and counts at a million captures (issue 10).
 *
 * The five filter columns (listener, event, signature, schema, response status) take few
 * values, so the distinct combinations that occur number in the tens or hundreds while the
 * rows number in the millions. `capture_filter_counts` holds one row per combination that
 * occurs, with how many captures have it; triggers keep it exact inside whatever transaction
 * writes or deletes a capture (the group commit, imports, retention, deletes), so no caller
 * needs to know about it. From it a filter learns at once:
 *
 * - its total (a sum over a few rows instead of counting captures);
 * - that nothing matches (no row), without reading a single capture;
 * - which exact combinations match, each of which is one equality lookup in
 *   `captures_by_filters`. Within one combination that index is ordered by seq, so the newest
 *   page is a merge of a few index walks that each stop after the page (captures-filter-page.ts),
 *   instead of walking one single-column index past every row the other filters reject.
 *
 * The composite index replaces the five single-column indexes of migration 6 (a single filter
 * is a merge over the combinations that have its value), which also makes the file smaller.
 */
import type { Db } from './database'

/** The filter columns, in the order of the composite index. */
export const FILTER_COLUMNS = ['listener_id', 'event', 'signature_status', 'schema_status', 'response_status'] as const

const sameTuple = (ref: 'new' | 'old') => FILTER_COLUMNS.map((c) => `${c} IS ${ref}.${c}`).join(' AND ')
const tupleValues = (ref: 'new' | 'old') => FILTER_COLUMNS.map((c) => `${ref}.${c}`).join(', ')

const countIn = (ref: 'new') => `
    INSERT INTO capture_filter_counts (${FILTER_COLUMNS.join(', ')}, n)
      SELECT ${tupleValues(ref)}, 0 WHERE NOT EXISTS (SELECT 1 FROM capture_filter_counts WHERE ${sameTuple(ref)});
    UPDATE capture_filter_counts SET n = n + 1 WHERE ${sameTuple(ref)};`

// The row goes when its count reaches zero, so "no row" always means "no capture".
const countOut = (ref: 'old') => `
    UPDATE capture_filter_counts SET n = n - 1 WHERE ${sameTuple(ref)};
    DELETE FROM capture_filter_counts WHERE n <= 0 AND ${sameTuple(ref)};`

const tupleChanged = FILTER_COLUMNS.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')

export const CAPTURE_FILTER_COUNTS_SQL = `
  CREATE TABLE capture_filter_counts (
    listener_id TEXT,
    event TEXT,
    signature_status TEXT NOT NULL,
    schema_status TEXT NOT NULL,
    response_status INTEGER,
    n INTEGER NOT NULL
  );
  CREATE INDEX capture_filter_counts_by_values ON capture_filter_counts (${FILTER_COLUMNS.join(', ')});

  CREATE INDEX captures_by_filters ON captures (${FILTER_COLUMNS.join(', ')});
  DROP INDEX IF EXISTS captures_by_listener;
  DROP INDEX IF EXISTS captures_by_event;
  DROP INDEX IF EXISTS captures_by_signature;
  DROP INDEX IF EXISTS captures_by_schema;
  DROP INDEX IF EXISTS captures_by_response_status;

  CREATE TRIGGER capture_filter_counts_insert AFTER INSERT ON captures BEGIN${countIn('new')}
  END;
  CREATE TRIGGER capture_filter_counts_delete AFTER DELETE ON captures BEGIN${countOut('old')}
  END;
  CREATE TRIGGER capture_filter_counts_update AFTER UPDATE OF ${FILTER_COLUMNS.join(', ')} ON captures
    WHEN ${tupleChanged} BEGIN${countOut('old')}${countIn('new')}
  END;
`

/** Counts the captures that existed before the migration (one pass over the new index). */
export function backfillCaptureFilterCounts(db: Db, progress: (done: number, total: number) => void): void {
  const cols = FILTER_COLUMNS.join(', ')
  const total = (db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n
  // A new or empty database has nothing to count, and nothing to report (as migration 6).
  if (total === 0) return
  progress(0, total)
  db.exec(`INSERT INTO capture_filter_counts (${cols}, n) SELECT ${cols}, COUNT(*) FROM captures GROUP BY ${cols}`)
  progress(total, total)
}
