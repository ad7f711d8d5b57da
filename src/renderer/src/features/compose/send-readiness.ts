/**
 * Why Send is disabled, in words shown next to the button: a greyed-out button with no
 * reason left users guessing that a target had to be ticked.
 */
export interface SendTargets {
  targetMode: 'endpoints' | 'url'
  adHocUrl: string
  selected: readonly string[]
  /** Saved endpoints known to the composer (0 before any exist). */
  endpointCount: number
}

/** The reason Send cannot be pressed, or null when it can. */
export function sendBlockedReason(t: SendTargets): string | null {
  if (t.targetMode === 'url') return t.adHocUrl.trim() === '' ? 'Enter a URL to send to' : null
  if (t.selected.length > 0) return null
  if (t.endpointCount === 0) return 'No endpoints yet: add one in Endpoints, or send to a URL'
  return 'Tick at least one endpoint under "Send to"'
}
