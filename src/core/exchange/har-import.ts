/**
 * Reads a HAR file into captures. Tolerant of what browsers and other tools write (HTTP/2
 * pseudo-headers, missing optional fields, form params without text, base64 bodies) but
 * strict about what a capture needs: a malformed file is refused as a whole, with the
 * entry and field that are wrong, before anything is stored.
 */
import { badInput } from '../../shared/errors'
import { isHttpToken } from '../../shared/http-rules'
import type { HeaderPair } from '../../shared/models'
import type { ImportedCapture } from '../receiver/types'

// Nothing that could not have travelled in an HTTP/1.1 header line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_HEADER_CHARS = /[\u0000\r\n]/
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

class EntryError extends Error {}

function headersOf(value: unknown, where: string): HeaderPair[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new EntryError(`${where} is not a list of {name, value}`)
  const out: HeaderPair[] = []
  value.forEach((h, i) => {
    if (!isObject(h) || typeof h.name !== 'string' || (h.value !== undefined && typeof h.value !== 'string')) {
      throw new EntryError(`${where}[${i}] is not {name, value} with text values`)
    }
    const name = h.name
    const headerValue = typeof h.value === 'string' ? h.value : ''
    // HTTP/2 and HTTP/3 pseudo-headers (":authority", ":path") are not header lines.
    if (name.startsWith(':')) return
    if (!isHttpToken(name)) throw new EntryError(`${where}[${i}].name ${JSON.stringify(name)} is not a valid header name`)
    if (BAD_HEADER_CHARS.test(headerValue)) {
      throw new EntryError(`${where}[${i}] (${name}) has a line break or NUL in its value`)
    }
    out.push([name, headerValue])
  })
  return out
}

function bytesOf(content: unknown, where: string): Buffer {
  if (content === undefined || content === null) return Buffer.alloc(0)
  if (!isObject(content)) throw new EntryError(`${where} is not an object`)
  if (typeof content.text === 'string') {
    if (content.encoding === 'base64') {
      if (!BASE64.test(content.text)) throw new EntryError(`${where}.text is marked base64 but is not valid base64`)
      return Buffer.from(content.text, 'base64')
    }
    return Buffer.from(content.text, 'utf8')
  }
  if (content.text !== undefined) throw new EntryError(`${where}.text is not text`)
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

/** Splits a HAR url into authority, raw path and raw query, without normalising either. */
function splitUrl(url: string): { authority: string | null; path: string; query: string } {
  const withoutFragment = url.split('#')[0]
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?]*)(.*)$/.exec(withoutFragment)
  if (!absolute && !withoutFragment.startsWith('/')) {
    throw new EntryError(`request.url ${JSON.stringify(url.slice(0, 200))} is neither an absolute URL nor a path`)
  }
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

function entryToCapture(entry: unknown, importedAt: string): ImportedCapture {
  if (!isObject(entry)) throw new EntryError('not an object')
  const request = entry.request
  if (!isObject(request)) throw new EntryError('request missing')
  if (typeof request.method !== 'string' || request.method === '') throw new EntryError('request.method missing')
  if (!isHttpToken(request.method)) throw new EntryError(`request.method ${JSON.stringify(request.method.slice(0, 50))} is not an HTTP method`)
  if (typeof request.url !== 'string' || request.url === '') throw new EntryError('request.url missing')
  const { authority, path, query } = splitUrl(request.url)
  const headers = headersOf(request.headers, 'request.headers')
  if (authority && !headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', authority])

  const response = isObject(entry.response) ? entry.response : null
  const status = response && typeof response.status === 'number' && response.status >= 100 && response.status <= 599 ? response.status : null
  const responseHeaders = response ? headersOf(response.headers, 'response.headers') : []
  const responseBody = response ? bytesOf(response.content, 'response.content').toString('utf8') : ''

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
    body: bytesOf(request.postData, 'request.postData'),
    responseStatus: status,
    responseHeaders,
    responseBody
  }
}

/**
 * Parses HAR text into captures to import. Throws a `bad-input` error naming the entry
 * (1-based) and the field at the first problem; returns nothing partial.
 */
export function parseHar(content: string): ImportedCapture[] {
  let doc: unknown
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw badInput(`the file is not JSON, so not a HAR file: ${(err as Error).message}`)
  }
  if (!isObject(doc) || !isObject(doc.log)) throw badInput('not a HAR file: "log" is missing (expected {"log": {"entries": [...]}})')
  if (!Array.isArray(doc.log.entries)) throw badInput('not a HAR file: log.entries is missing or not a list')
  const importedAt = new Date().toISOString()
  return doc.log.entries.map((entry, i) => {
    try {
      return entryToCapture(entry, importedAt)
    } catch (err) {
      if (err instanceof EntryError) throw badInput(`entry ${i + 1}: ${err.message}; nothing was imported`)
      throw err
    }
  })
}
