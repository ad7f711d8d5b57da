/**
 * Words and numbers for delivery health, shared by the Endpoints column and the banner.
 */

/** "60%" / "66.7%", or "no attempts" for an empty window. */
export function formatRate(rate: number | null): string {
  if (rate === null) return 'no attempts'
  const percent = Math.round(rate * 1000) / 10
  return `${percent}%`
}

/** "12 ms", "3.4 ms", "1.2 s"; "-" without data. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '-'
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}

export const WINDOW_LABELS = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days' } as const
