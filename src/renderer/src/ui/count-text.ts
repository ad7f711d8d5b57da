/**
 * The count beside a list's search box: how many rows are shown out of how many match.
 */

/**
 * "12 captures", "40 of 200 deliveries", or "Loading…" while a query runs. `capped`: the
 * server stopped counting at `total` (a million rows are not counted on every page), so
 * the text says "200 of 10,000+ captures".
 */
export function countText(loading: boolean, shown: number, total: number, one: string, many: string, capped = false): string {
  if (loading) return 'Loading…'
  if (capped) return `${shown} of ${withThousands(Math.max(total, shown))}+ ${many}`
  return `${shown < total ? `${shown} of ` : ''}${total} ${total === 1 ? one : many}`
}

/**
 * 10000 → "10,000", as `toLocaleString('en-US')` writes a whole number, without Intl: its
 * first use loads the browser's locale data, which delayed the Inbox's first row (issue 10).
 */
export function withThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
