/**
 * Connection pools for deliveries: one undici Agent per trust setting (insecure or not,
 * the extra CAs, the connect timeout), kept for the sender's lifetime, so consecutive
 * deliveries to a target reuse a keep-alive connection instead of paying a TCP (and TLS)
 * handshake, and a TLS context with Node's ~140 roots is built once rather than per
 * attempt. That was most of the sender's cost (issue 10: 0.09x a bare undici loop).
 * Idle sockets are unref'd by undici and closed after a few seconds, so a pool never
 * keeps the process alive; close() ends them all when the sender stops.
 */
import fs from 'node:fs'
import tls from 'node:tls'
import { createHash } from 'node:crypto'
import { Agent } from 'undici'

/** Different trust settings in use at once are few; past this, the oldest pool is closed. */
const MAX_AGENTS = 16
/** How long an idle connection is kept for the next delivery (undici's default is 4 s). */
const KEEP_ALIVE_MS = 4_000

export interface AgentOptions {
  isHttps: boolean
  insecureTls: boolean
  /** PEM certificates to trust besides the system's. */
  extraCa: string[]
  connectTimeoutMs: number
}

export interface DeliveryAgents {
  agentFor(options: AgentOptions): Agent
  /** Number of pools open (for tests). */
  size(): number
  close(): Promise<void>
}

let roots: string[] | null = null

/**
 * Node's bundled roots plus NODE_EXTRA_CA_CERTS, which Node would add by itself were we not
 * passing our own `ca` list (a corporate proxy's CA, say).
 */
function defaultRoots(): string[] {
  if (roots) return roots
  roots = [...tls.rootCertificates]
  const extra = process.env.NODE_EXTRA_CA_CERTS
  if (extra) {
    try {
      roots.push(fs.readFileSync(extra, 'utf8'))
    } catch {
      // Node only warns about an unreadable file and carries on without it; we do the same.
    }
  }
  return roots
}

function keyOf(o: AgentOptions): string {
  if (!o.isHttps) return `http|${o.connectTimeoutMs}`
  const ca = createHash('sha256').update(o.extraCa.join('\n')).digest('hex')
  return `https|${o.insecureTls ? 'insecure' : 'verify'}|${o.connectTimeoutMs}|${ca}`
}

export function createDeliveryAgents(): DeliveryAgents {
  // Insertion order doubles as recency: a hit is moved to the end.
  const agents = new Map<string, Agent>()
  return {
    agentFor(options) {
      const key = keyOf(options)
      const hit = agents.get(key)
      if (hit) {
        agents.delete(key)
        agents.set(key, hit)
        return hit
      }
      const agent = new Agent({
        connect: {
          timeout: options.connectTimeoutMs,
          // Passing `ca` replaces Node's default roots, so those are listed too.
          ...(options.isHttps ? { ca: [...defaultRoots(), ...options.extraCa], rejectUnauthorized: !options.insecureTls } : {})
        },
        keepAliveTimeout: KEEP_ALIVE_MS,
        // One request per connection at a time: a delivery never waits behind another's response.
        pipelining: 1
      })
      agents.set(key, agent)
      if (agents.size > MAX_AGENTS) {
        const [oldestKey, oldest] = agents.entries().next().value as [string, Agent]
        agents.delete(oldestKey)
        // Attempts still using it finish first; close() waits for them.
        oldest.close().catch(() => undefined)
      }
      return agent
    },
    size: () => agents.size,
    async close() {
      const all = [...agents.values()]
      agents.clear()
      await Promise.all(all.map((a) => a.destroy().catch(() => undefined)))
    }
  }
}
