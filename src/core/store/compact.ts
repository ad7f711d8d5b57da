/**
 * "Compact database" (`kyc-hooks vacuum`, issue 10): gives the space of deleted captures
 * back to the filesystem. SQLite reports no progress from inside VACUUM, so the work is
 * split into steps that are reported as they start, each with the size it works on.
 */
import fs from 'node:fs'
import type { Db } from './database'

export interface CompactProgress {
  step: number
  steps: number
  label: string
}

export interface CompactResult {
  beforeBytes: number
  afterBytes: number
}

/** Bytes of the database file plus its WAL. */
function sizeOnDisk(file: string): number {
  let total = 0
  for (const f of [file, `${file}-wal`]) {
    try {
      total += fs.statSync(f).size
    } catch {
      // no WAL file
    }
  }
  return total
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`

/** Compacts `db` in place (it blocks writers of this file while it runs). */
export function compactDatabase(db: Db, onProgress: (p: CompactProgress) => void = () => {}): CompactResult {
  const file = db.name
  const beforeBytes = sizeOnDisk(file)
  const free = (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
  const hasSearch = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'captures_fts'").get() !== undefined
  const steps = hasSearch ? 4 : 3
  let step = 0
  const report = (label: string) => onProgress({ step: ++step, steps, label })

  report(`folding the write-ahead log into the file (${mb(beforeBytes)} on disk)`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  if (hasSearch) {
    report('merging the search index')
    db.prepare("INSERT INTO captures_fts (captures_fts) VALUES ('optimize')").run()
  }
  report(`rebuilding the file without its ${mb(free)} of free pages`)
  db.exec('VACUUM')
  report('giving the log space back')
  db.pragma('wal_checkpoint(TRUNCATE)')
  return { beforeBytes, afterBytes: sizeOnDisk(file) }
}
