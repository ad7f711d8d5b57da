/**
 * A free port for a new listener: the form used to propose 8443 even when another listener
 * or another program held it, so the first start failed. The proposal skips the ports of
 * saved listeners (running or not: they will want theirs back) and probes the rest by
 * binding them for a moment.
 */
import net from 'node:net'

/** How many ports after the preferred one are tried before asking the OS for any free one. */
export const SUGGEST_PORT_TRIES = 50

/** True when `host:port` can be bound right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.unref()
    probe.once('error', () => resolve(false))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** A port the OS picks as free on `host` (the last resort). */
function anyFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address()
      const port = address && typeof address === 'object' ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The first port from `preferred` upwards that no saved listener uses and that binds on
 * `host`; a port the OS picks when the next SUGGEST_PORT_TRIES are all taken.
 */
export async function suggestFreePort(host: string, preferred: number, taken: ReadonlySet<number>): Promise<number> {
  for (let port = preferred; port < preferred + SUGGEST_PORT_TRIES && port <= 65535; port++) {
    if (taken.has(port)) continue
    if (await portIsFree(host, port)) return port
  }
  return anyFreePort(host)
}
