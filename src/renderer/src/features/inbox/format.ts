/**
 * Small formatters for list rows and the detail pane.
 */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** English short month names, as `toLocaleString('en', { month: 'short' })` spells them, without Intl per row. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

/**
 * "14:03:07.125" for today, "Nov 25 14:03:07" for earlier days, in local time. `withDate`
 * puts the date on today's times too, so rows that span days line up and read alike.
 */
export function formatTime(iso: string, now: Date = new Date(), withDate = false): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (!withDate && sameLocalDay(d, now)) return `${time}.${pad(d.getMilliseconds(), 3)}`
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${time}`
}

/** True when the times fall on more than one local day (a list then shows dates on every row). */
export function spansDays(isoTimes: Iterable<string>): boolean {
  let first: Date | null = null
  for (const iso of isoTimes) {
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) continue
    if (!first) first = d
    else if (!sameLocalDay(first, d)) return true
  }
  return false
}

// `Date#toLocaleString()` builds a new Intl formatter on every call (a third of the list's
// render time while scrolling, issue 10); one formatter with the same defaults is reused.
let dateTimeFormat: Intl.DateTimeFormat | null = null

/** Full local date and time for titles and the detail pane (what `toLocaleString()` gives). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
  return dateTimeFormat.format(d)
}

