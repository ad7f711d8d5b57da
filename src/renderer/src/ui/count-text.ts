/**
 * The count beside a list's search box: how many rows are shown out of how many match.
 */

/** "12 captures", "40 of 200 deliveries", or "Loading…" while a query runs. */
export function countText(loading: boolean, shown: number, total: number, one: string, many: string): string {
  if (loading) return 'Loading…'
  return `${shown < total ? `${shown} of ` : ''}${total} ${total === 1 ? one : many}`
}
