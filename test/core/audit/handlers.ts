/**
 * Small Smart KYC webhook handlers for the audit tests, on real node:http(s) servers on
 * 127.0.0.1 port 0: a correct one, and one per classic integration bug. Each is what an
 * integrator might really write; the audit must fail exactly the checks its bug breaks.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

export type Bug = 'none' | 'accepts-anything' | 'reserialises' | 'duplicate-500' | 'slow-under-load' | 'unknown-500'

export interface Handler {
  url: string
  /** GET URL answering {"count": N}: how many times a submissionId+event was processed. */
  probeUrl: string
  requests: number
  close(): Promise<void>
}

const KNOWN = new Set([
  'submission.created',
  'submission.completed',
  'submission.approved',
  'submission.rejected',
  'submission.updated',
  'invitation.sent',
  'invitation.expired',
  'invitation.cancelled',
  'aml.screening.completed',
  'aml.match.found',
  'aml.match.dismissed'
])

function validSignature(raw: Buffer, header: string | undefined, secret: string, bug: Bug): boolean {
  if (header === undefined) return false
  // The classic bug: parse, then hash JSON.stringify of the parsed object instead of the bytes.
  const hashed = bug === 'reserialises' ? Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')))) : raw
  const expected = Buffer.from(createHmac('sha256', secret).update(hashed).digest('hex'))
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export async function startHandler(bug: Bug, secret: string, tls?: { key: string; cert: string }): Promise<Handler> {
  const processed = new Map<string, number>()
  const seenBodies = new Set<string>()
  let lock: Promise<void> = Promise.resolve()
  const state = { requests: 0 }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && req.url?.startsWith('/processed')) {
      const q = new URL(req.url, 'http://x').searchParams
      return reply(200, { count: processed.get(`${q.get('event')}:${q.get('submissionId')}`) ?? 0 })
    }
    state.requests++
    if (bug !== 'accepts-anything') {
      const header = req.headers['x-smartkyc-signature']
      let ok: boolean
      try {
        ok = validSignature(raw, Array.isArray(header) ? header[0] : header, secret, bug)
      } catch {
        ok = false
      }
      if (!ok) return reply(401, { error: 'invalid signature' })
    }
    const event = JSON.parse(raw.toString('utf8')) as { event: string; data: { submissionId?: string; invitationId?: string } }
    const digest = createHash('sha256').update(raw).digest('hex')
    if (seenBodies.has(digest)) {
      if (bug === 'duplicate-500') return reply(500, { error: 'duplicate key value violates unique constraint' })
      return reply(200, { received: true, duplicate: true })
    }
    seenBodies.add(digest)
    if (!KNOWN.has(event.event)) {
      if (bug === 'unknown-500') return reply(500, { error: `no handler for ${event.event}` })
      return reply(200, { received: true, ignored: true })
    }
    if (bug === 'slow-under-load') {
      // Does 300 ms of work inline, one request at a time (a lock): fine alone, slow once requests queue.
      const mine = lock.then(() => new Promise<void>((r) => setTimeout(r, 300)))
      lock = mine
      await mine
    }
    const key = `${event.event}:${event.data.submissionId ?? event.data.invitationId}`
    processed.set(key, (processed.get(key) ?? 0) + 1)
    reply(200, { received: true })
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks))
        .catch(() => {
          res.writeHead(400)
          res.end()
        })
    })
  }
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`
  return {
    url: `${base}/webhooks/smart-kyc`,
    probeUrl: `${base}/processed`,
    get requests() {
      return state.requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
