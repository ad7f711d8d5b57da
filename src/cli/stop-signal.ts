/**
 * The long-running commands (`listen`, `serve`) stop cleanly on Ctrl+C or SIGTERM: this
 * resolves on the first signal, and a second Ctrl+C while shutting down exits at once.
 */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      // A second Ctrl+C while shutting down means "now".
      process.once('SIGINT', () => process.exit(130))
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
