/** A webhook consumer over a real socket (node:http on 127.0.0.1:0) that keeps every request it gets. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  raw: Buffer
  signature: string
  payload: { event: string; timestamp: string; tenantId: string; data: Record<string, unknown> }
}

export async function startSink(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      received.push({ raw, signature: String(req.headers['x-smartkyc-signature'] ?? ''), payload: JSON.parse(raw.toString('utf8')) as Received['payload'] })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
