/**
 * Schema for finding captures fast at a million rows (issue 10):
 *
 * - `captures_fts`, an FTS5 index with the trigram tokenizer over path, query, header values
 *   and body text, so "contains this text" (an email, an id fragment) is an index lookup
 *   instead of a LIKE scan over every body. It is contentless (the text already lives in
 *   `captures`; storing it twice would double the file) with contentless_delete so rows can
 *   leave it, and detail=none: without positions the index is about 1 KB per 3 KB body
 *   instead of 6.5 KB, and a row goes in 2.5x faster (measured). Without positions it answers
 *   "has all these trigrams", so a search ANDs the text's trigrams and checks the candidate
 *   rows with LIKE (captures-repo.ts). Its rowid is the capture's seq.
 * - Triggers keep it in step with `captures` inside whatever transaction writes the row, so
 *   the group commit of the capture writer, imports and deletes all stay consistent without
 *   any caller knowing about the index.
 * - One index per inbox filter. An index on a single column also orders by rowid (= seq), so
 *   `WHERE event = ? ORDER BY seq DESC LIMIT n` walks the index backwards with no sort.
 */
import type { Db } from './database'

/** The header values of a row's JSON `[[name, value], ...]`, space separated. */
const headerValues = (ref: string) => `(SELECT group_concat(h.value ->> 1, ' ') FROM json_each(${ref}.headers) AS h)`

const ftsValues = (ref: string) =>
  `${ref}.seq, ${ref}.path, ${ref}.query, ${headerValues(ref)}, CAST(${ref}.body AS TEXT)`

export const CAPTURE_SEARCH_SQL = `
  CREATE VIRTUAL TABLE captures_fts USING fts5(
    path, query, headers, body,
    tokenize = 'trigram', content = '', contentless_delete = 1, detail = none
  );
  CREATE TRIGGER captures_fts_insert AFTER INSERT ON captures BEGIN
    INSERT INTO captures_fts (rowid, path, query, headers, body) VALUES (${ftsValues('new')});
  END;
  CREATE TRIGGER captures_fts_delete AFTER DELETE ON captures BEGIN
    DELETE FROM captures_fts WHERE rowid = old.seq;
  END;
  CREATE TRIGGER captures_fts_update AFTER UPDATE OF path, query, headers, body ON captures BEGIN
    DELETE FROM captures_fts WHERE rowid = old.seq;
    INSERT INTO captures_fts (rowid, path, query, headers, body) VALUES (${ftsValues('new')});
  END;

  DROP INDEX captures_by_event;
  CREATE INDEX captures_by_event ON captures (event);
  CREATE INDEX captures_by_listener ON captures (listener_id);
  CREATE INDEX captures_by_signature ON captures (signature_status);
  CREATE INDEX captures_by_schema ON captures (schema_status);
  CREATE INDEX captures_by_response_status ON captures (response_status);
  CREATE INDEX captures_by_received_at ON captures (received_at);
`

/** Rows indexed per statement while backfilling: small enough to report progress often. */
const BACKFILL_BATCH = 2_000

/** Indexes the captures that existed before the migration, oldest first, reporting progress. */
export function backfillCaptureSearch(db: Db, progress: (done: number, total: number) => void): void {
  const total = (db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n
  if (total === 0) return
  const batch = db.prepare<[number, number]>(
    `INSERT INTO captures_fts (rowid, path, query, headers, body)
     SELECT ${ftsValues('c')} FROM captures AS c WHERE c.seq > ? ORDER BY c.seq LIMIT ?`
  )
  const lastSeq = db.prepare<[number, number], { seq: number }>(
    'SELECT seq FROM captures WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?'
  )
  let after = 0
  let done = 0
  progress(0, total)
  for (;;) {
    const indexed = batch.run(after, BACKFILL_BATCH).changes
    if (indexed === 0) break
    done += indexed
    const next = lastSeq.get(after, indexed - 1)
    if (!next) break
    after = next.seq
    progress(Math.min(done, total), total)
  }
}
