/**
 * A real engine for renderer store tests: a Workbench on a temporary SQLite file, reached
 * through the same dispatcher the transports use, exposed as the `window.workbench` bridge
 * the renderer's client expects; plus a plain HTTP server that records what it receives.
 * Node-typed (it lives outside test/renderer); renderer tests load it with a dynamic import.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { createWorkbench, type Workbench } from '../../src/core/workbench'
import type { WorkbenchBridge } from '../../src/shared/bridge'
import { createDispatcher } from '../../src/shared/dispatcher'

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface InProcessEngine {
  bridge: WorkbenchBridge
  workbench: Workbench
  /** An HTTP server on 127.0.0.1 answering `status`; its URL ends with `/hooks`. */
  targetUrl: string
  received: ReceivedRequest[]
  setTargetStatus(status: number): void
  /** Answer 500 to the next `n` requests, then `status` again (a retry then succeeds whenever it runs). */
  failNextRequests(n: number): void
  close(): Promise<void>
}

/** Starts the engine and the target server; `close()` stops both and removes the temp folder. */
export async function startInProcessEngine(): Promise<InProcessEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-'))
  const workbench = await createWorkbench({ db: path.join(dir, 'workbench.sqlite'), transport: 'ipc', background: true })
  const dispatcher = createDispatcher(workbench)
  const bridge: WorkbenchBridge = {
    async call(method, input) {
      const reply = await dispatcher.dispatch(method, input)
      if (reply.ok) return reply.result as never
      // Shaped like the renderer's ApiError: slices read errors by code and message.
      throw Object.assign(new Error(reply.error.message), { code: reply.error.code, details: reply.error.details })
    },
    subscribe(event, handler) {
      return workbench.bus.on(event, handler)
    }
  }

  const received: ReceivedRequest[] = []
  let status = 200
  let failuresLeft = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) })
      const answer = failuresLeft > 0 ? 500 : status
      if (failuresLeft > 0) failuresLeft--
      res.writeHead(answer, { 'content-type': 'application/json' })
      res.end(answer < 300 ? '{"received":true}' : '{"error":"boom"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    bridge,
    workbench,
    targetUrl: `http://127.0.0.1:${port}/hooks`,
    received,
    setTargetStatus(next) {
      status = next
    },
    failNextRequests(n) {
      failuresLeft = n
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await workbench.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
