/**
 * The long-running commands (`listen`, `platform`, `serve`) stop cleanly on Ctrl+C or
 * SIGTERM: they run until the first signal, then shut down; a second Ctrl+C while shutting
 * down exits at once.
 */
import { printNote } from './output'

/** Resolves on the first SIGINT or SIGTERM; a second Ctrl+C after it exits at once. */
function waitForStopSignal(): Promise<NodeJS.Signals> {
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

export interface ForegroundRun<R> {
  /** Opens what the command runs (the Workbench, the server). */
  open(): Promise<R>
  /** Starts the work and prints the banner; may return what to undo first when the signal comes (unsubscribe, drain a feed). */
  run(resource: R): Promise<(() => void | Promise<void>) | void>
  /** Said on stderr once the signal came, e.g. "Stopping…". */
  stopping: string
  /** Always runs, also when `run` throws. */
  close(resource: R): Promise<void>
}

/**
 * Runs a command in the foreground until Ctrl+C or SIGTERM. The signal is caught from the
 * start, so one that arrives while the command is still starting stops it cleanly too.
 */
export async function runUntilStopped<R>(command: ForegroundRun<R>): Promise<void> {
  const signal = waitForStopSignal()
  const resource = await command.open()
  try {
    const undo = await command.run(resource)
    await signal
    await undo?.()
    printNote(command.stopping)
  } finally {
    await command.close(resource)
  }
}
