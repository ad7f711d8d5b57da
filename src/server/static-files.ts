// Hand-written, not sirv or serve-static: they follow a symlink out of the root (no realpath check), which this refuses.
/**
 * Serves the built renderer (out/renderer) read-only. The request path is decoded,
 * resolved under the root and checked to stay inside it (after following symlinks), so
 * `/../`, `%2e%2e/` and friends cannot read anything else on the disk.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setDocumentHeaders } from './security-headers'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

/** The MIME type for a file name; unknown kinds are served as opaque bytes. */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export const NOT_BUILT_MESSAGE = 'the UI is not built: run npm run build (then start kyc-hooks serve again)'

/**
 * The file under `root` that `urlPath` names, or null when the path is malformed or
 * escapes the root. `/` is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const resolved = path.resolve(root, relative)
  return isInside(root, resolved) ? resolved : null
}

function isInside(root: string, candidate: string): boolean {
  const base = path.resolve(root)
  return candidate === base || candidate.startsWith(base + path.sep)
}

export interface StaticHandler {
  /** Answers GET/HEAD for a UI file; `authority` is the validated Host, for the CSP. */
  handle(req: IncomingMessage, res: ServerResponse, urlPath: string, authority: string): void
}

export function createStaticHandler(rootDir: string): StaticHandler {
  const root = path.resolve(rootDir)

  function send(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
  }

  function handle(req: IncomingMessage, res: ServerResponse, urlPath: string, authority: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed: the UI is read with GET\n')
    }
    const indexFile = path.join(root, 'index.html')
    if (!fs.existsSync(indexFile)) {
      setDocumentHeaders(res, authority)
      return send(res, 503, 'text/plain; charset=utf-8', `${NOT_BUILT_MESSAGE}\n`)
    }
    const file = resolveStaticPath(root, urlPath)
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n')

    let target = file
    let stat = statOrNull(target)
    // Client-side routes (no extension) fall back to the app shell; a missing asset is a 404.
    if ((!stat || stat.isDirectory()) && path.extname(file) === '') {
      target = indexFile
      stat = statOrNull(target)
    }
    if (!stat || !stat.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n')

    let real: string
    try {
      real = fs.realpathSync(target)
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n')
    }
    // A symlink inside out/renderer must not lead outside it either.
    if (!isInside(fs.realpathSync(root), real)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n')

    const type = mimeTypeOf(real)
    if (type.startsWith('text/html')) setDocumentHeaders(res, authority)
    else res.setHeader('Cache-Control', 'no-cache')
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size })
    if (req.method === 'HEAD') return void res.end()
    const stream = fs.createReadStream(real)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }

  return { handle }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch {
    return null
  }
}
