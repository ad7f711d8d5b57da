/**
 * Turning a failed listen() into words a user can act on: for listeners and for `serve`.
 */
import { WorkbenchError, messageOf } from '../../shared/errors'

/**
 * The WorkbenchError for a socket error raised while listening on host:port. `holder` names
 * our own listener that already has the port, when one does. EACCES is a permission problem
 * (a port below 1024 without rights), not a taken port, so it is `io`.
 */
export function listenError(err: unknown, host: string, port: number, holder?: string): WorkbenchError {
  if (err instanceof WorkbenchError) return err
  const code = (err as NodeJS.ErrnoException)?.code
  switch (code) {
    case 'EADDRINUSE':
      return new WorkbenchError(
        'port-in-use',
        holder
          ? `port ${port} is in use on ${host} by the listener "${holder}": choose another port or stop that listener`
          : `port ${port} is in use on ${host}: choose another port or stop the other program`,
        { host, port }
      )
    case 'EACCES':
      return new WorkbenchError(
        'io',
        `port ${port} on ${host} needs administrator rights (ports below 1024 usually do): choose a port above 1024, e.g. 8443`,
        { host, port }
      )
    case 'EADDRNOTAVAIL':
      return new WorkbenchError(
        'bad-input',
        `${host} is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)`,
        { host, port }
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new WorkbenchError('bad-input', `the host ${JSON.stringify(host)} does not resolve: use 127.0.0.1 or localhost`, {
        host,
        port
      })
    default:
      return new WorkbenchError('io', `cannot listen on ${host}:${port}: ${messageOf(err)}`, { host, port, code })
  }
}

/** The URL to send webhooks to: a wildcard bind is reached through loopback, IPv6 goes in brackets. */
export function listenerUrl(protocol: string, host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  const inUrl = reachable.includes(':') ? `[${reachable}]` : reachable
  return `${protocol}://${inUrl}:${port}/`
}
