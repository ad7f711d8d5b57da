/**
 * Reads a HAR file into captures. Tolerant of what browsers and other tools write (HTTP/2
 * pseudo-headers, missing optional fields, form params without text, base64 bodies) but
 * strict about what a capture needs: a malformed file is refused as a whole, with the
 * entry and field that are wrong, before anything is stored. What is checked lives in
 * har-import-schema (zod); this file only maps a checked entry to a capture.
 */
import { badInput } from '../../shared/errors'
import type { HeaderPair } from '../../shared/models'
import type { ImportedCapture } from '../receiver/types'
import { ABSOLUTE_URL, describeHarIssue, HarImportDocument, HarImportEntry } from './har-import-schema'

type CheckedHeaders = HarImportEntry['request']['headers']
type CheckedBody = HarImportEntry['request']['postData']

function headersOf(value: CheckedHeaders): HeaderPair[] {
  const out: HeaderPair[] = []
  for (const h of value ?? []) {
    // HTTP/2 and HTTP/3 pseudo-headers (":authority", ":path") are not header lines.
    if (!h.name.startsWith(':')) out.push([h.name, h.value ?? ''])
  }
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function bytesOf(content: CheckedBody): Buffer {
  if (!content) return Buffer.alloc(0)
  if (content.text !== undefined) return Buffer.from(content.text, content.encoding === 'base64' ? 'base64' : 'utf8')
  // Browsers may record a form post as params only.
  if (Array.isArray(content.params)) {
    const form = new URLSearchParams()
    for (const p of content.params) {
      if (isObject(p) && typeof p.name === 'string') form.append(p.name, typeof p.value === 'string' ? p.value : '')
    }
    return Buffer.from(form.toString(), 'utf8')
  }
  return Buffer.alloc(0)
}

/** Splits a HAR url (already checked) into authority, raw path and raw query, without normalising either. */
function splitUrl(url: string): { authority: string | null; path: string; query: string } {
  const withoutFragment = url.split('#')[0]
  const absolute = ABSOLUTE_URL.exec(withoutFragment)
  const authority = absolute ? absolute[1].replace(/^[^@]*@/, '') : null
  const target = absolute ? absolute[2] || '/' : withoutFragment
  const q = target.indexOf('?')
  return { authority, path: q === -1 ? target : target.slice(0, q), query: q === -1 ? '' : target.slice(q + 1) }
}

function httpVersionOf(value: unknown): string {
  if (typeof value !== 'string') return '1.1'
  const v = value.trim().toLowerCase()
  if (v === 'h2' || v.startsWith('http/2')) return '2.0'
  if (v === 'h3' || v.startsWith('http/3')) return '3.0'
  const m = /^http\/(1\.[01])$/.exec(v)
  return m ? m[1] : '1.1'
}

function entryToCapture(entry: HarImportEntry, importedAt: string): ImportedCapture {
  const { request, response } = entry
  const { authority, path, query } = splitUrl(request.url)
  const headers = headersOf(request.headers)
  if (authority && !headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', authority])

  const status = response && typeof response.status === 'number' && response.status >= 100 && response.status <= 599 ? response.status : null
  const responseHeaders = response ? headersOf(response.headers) : []
  const responseBody = response ? bytesOf(response.content).toString('utf8') : ''

  const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN
  const ours = isObject(entry._smartkyc) ? entry._smartkyc : {}
  return {
    receivedAt: Number.isNaN(started) ? importedAt : new Date(started).toISOString(),
    method: request.method,
    path,
    query,
    httpVersion: httpVersionOf(request.httpVersion),
    remoteAddress: typeof ours.remoteAddress === 'string' ? ours.remoteAddress : '',
    headers,
    body: bytesOf(request.postData),
    responseStatus: status,
    responseHeaders,
    responseBody
  }
}

/**
 * Parses HAR text into captures to import. Throws a `bad-input` error naming the entry
 * (1-based), the field and the value at the first problem; returns nothing partial.
 */
export function parseHar(content: string): ImportedCapture[] {
  let doc: unknown
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw badInput(`the file is not JSON, so not a HAR file: ${(err as Error).message}`)
  }
  const file = HarImportDocument.safeParse(doc)
  if (!file.success) throw badInput(file.error.issues[0].message)
  const importedAt = new Date().toISOString()
  return file.data.log.entries.map((raw, i) => {
    const entry = HarImportEntry.safeParse(raw, { reportInput: true })
    if (!entry.success) {
      throw badInput(`entry ${i + 1}: ${describeHarIssue(entry.error.issues[0], ['log', 'entries', i])}; nothing was imported`)
    }
    return entryToCapture(entry.data, importedAt)
  })
}
