/**
 * POST /api/call/:method — one contract call over HTTP. The body is the method's input as
 * JSON; the answer is always a BridgeReply as JSON (also for errors), so the web transport
 * parses one shape. The HTTP status mirrors the error code for people reading logs or curl.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { BridgeReply } from '../shared/bridge'
import type { Dispatcher } from '../shared/dispatcher'

/** Bodies larger than this are refused before they are read to the end (a HAR import can be large). */
export const MAX_CALL_BODY_BYTES = 50 * 1024 * 1024

const STATUS_BY_CODE: Record<string, number> = {
  'bad-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'port-in-use': 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'newer-schema': 409,
  io: 500,
  internal: 500
}

/** Writes a BridgeReply as JSON with the status that matches its error code. */
export function sendReply(res: ServerResponse, reply: BridgeReply<unknown>): void {
  const status = reply.ok ? 200 : (STATUS_BY_CODE[reply.error.code] ?? 500)
  let text: string
  try {
    text = JSON.stringify(reply)
  } catch (err) {
    text = JSON.stringify({ ok: false, error: { code: 'internal', message: `the reply could not be encoded as JSON: ${String(err)}` } })
  }
  if (res.headersSent) return void res.end()
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

/** A wire error reply (for the transport's own refusals: auth, size, JSON syntax). */
export function sendError(res: ServerResponse, code: string, message: string): void {
  sendReply(res, { ok: false, error: { code, message } })
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Handles one call; `method` is the decoded last path segment. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dispatcher: Dispatcher,
  limit = MAX_CALL_BODY_BYTES
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendError(res, 'method-not-allowed', `use POST for /api/call/${method} (got ${req.method})`)
  }
  const type = String(req.headers['content-type'] ?? '')
  // Requiring JSON also forces a CORS preflight on any cross-site attempt (defence in depth).
  if (!/^application\/json\b/i.test(type)) {
    return sendError(res, 'unsupported-media-type', `send the input as JSON with Content-Type: application/json (got ${JSON.stringify(type)})`)
  }

  let body: Buffer
  try {
    body = await readBody(req, limit)
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('Connection', 'close')
      return sendError(res, 'too-large', `the request body is larger than ${limit} bytes: send less data in one call`)
    }
    return sendError(res, 'bad-input', 'the request body could not be read')
  }

  let input: unknown
  const text = body.toString('utf8')
  if (text.trim() === '') input = {}
  else {
    try {
      input = JSON.parse(text)
    } catch (err) {
      return sendError(res, 'bad-input', `the request body is not valid JSON (${(err as Error).message}): send the method's input as a JSON object`)
    }
  }

  const reply = await dispatcher.dispatch(method, input)
  sendReply(res, reply)
}
