/**
 * Runs an export the engine makes page by page (exchange.export with a cursor), so the
 * export holds every row that matches, not the rows this window happened to load. Each
 * page reports rows done and the total, for a progress bar; a stop request ends it between
 * pages. The pages become one file through the browser's download (Blob parts, which
 * Chromium can keep on disk), in the desktop app and in `kyc-hooks serve` alike.
 */
import type { ExportRequest } from '../../../../shared/contract'
import { call } from '../../api/client'
import { downloadParts } from '../../app/download'

export interface ExportProgress {
  done: number
  total: number
}

export interface ExportRun {
  filename: string
  rows: number
  stopped: boolean
}

/** Pages per call: small enough to keep the UI responsive, big enough to be quick. */
const PAGE_SIZE = 500

export async function runExport(
  request: Omit<ExportRequest, 'cursor' | 'pageSize'>,
  onProgress: (p: ExportProgress) => void,
  shouldStop: () => boolean = () => false
): Promise<ExportRun> {
  const parts: string[] = []
  let filename = `export.${request.format}`
  let cursor: string | undefined
  let rows = 0
  do {
    if (shouldStop()) return { filename, rows, stopped: true }
    const page = await call('exchange.export', { ...request, pageSize: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) })
    if (cursor === undefined) filename = page.filename
    parts.push(page.content)
    rows = page.done
    onProgress({ done: page.done, total: page.total })
    cursor = page.next ?? undefined
  } while (cursor !== undefined)
  downloadParts(filename, parts, request.format === 'har' ? 'application/json' : 'application/x-ndjson')
  return { filename, rows, stopped: false }
}
