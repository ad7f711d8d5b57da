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
  if (capped) return `${shown} of ${Math.max(total, shown).toLocaleString('en-US')}+ ${many}`
  return `${shown < total ? `${shown} of ` : ''}${total} ${total === 1 ? one : many}`
}
