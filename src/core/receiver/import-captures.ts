/**
 * Captures brought in from a HAR file: recorded like listener captures (same verdicts,
 * same duplicate detection among imports) but with source 'import' and no listener.
 * Verdicts use the Workbench's API secrets, the only ones that apply to no listener.
 */
import type { Db } from '../store/database'
import type { EventBus } from '../event-bus'
import { newId } from '../ids'
import type { CaptureSummary } from '../../shared/models'
import { analyse, type SecretSource } from './capture-analysis'
import { toCaptureRow, toSummary } from './capture-mapping'
import type { CapturesRepo } from './captures-repo'
import type { DuplicateIndex } from './duplicate-index'
import type { ImportedCapture } from './types'

export interface ImporterDeps {
  db: Db
  bus: EventBus
  repo: CapturesRepo
  duplicates: DuplicateIndex
  secrets: SecretSource
}

export function createImporter(deps: ImporterDeps) {
  const insertAll = deps.db.transaction((records: ImportedCapture[]): CaptureSummary[] => {
    const secrets = deps.secrets.verificationSecrets()
    const summaries: CaptureSummary[] = []
    for (const r of records) {
      const id = newId('cap')
      const body = Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body)
      const analysis = analyse(body, r.headers, secrets, deps.secrets)
      const row = toCaptureRow({
        id,
        listenerId: null,
        source: 'import',
        request: { ...r, body, truncated: false },
        analysis,
        duplicateOf: deps.duplicates.claim(null, analysis.sha256, id),
        response: { mode: 'reply', status: r.responseStatus, headers: r.responseHeaders, body: r.responseBody, delayMs: 0 }
      })
      const seq = deps.repo.insert(row)
      summaries.push(toSummary({ ...row, seq }))
    }
    return summaries
  })

  return {
    /** Inserts all records in one transaction; returns their ids in order. */
    insert(records: ImportedCapture[]): string[] {
      let summaries: CaptureSummary[]
      try {
        summaries = insertAll(records)
      } catch (err) {
        // The rolled-back rows may have been remembered as "first with this body".
        deps.duplicates.reset()
        throw err
      }
      for (const s of summaries) deps.bus.emit('capture.received', s)
      return summaries.map((s) => s.id)
    }
  }
}
