/**
 * Small formatters for list rows and the detail pane.
 */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** "14:03:07.125" for today, "Nov 25 14:03:07" for earlier days, in local time. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
  if (sameDay) return `${time}.${pad(d.getMilliseconds(), 3)}`
  const month = d.toLocaleString('en', { month: 'short' })
  return `${month} ${d.getDate()} ${time}`
}

/** Full local date and time for titles and the detail pane. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString()
}

/** Quotes a value for a POSIX shell line the user will paste (single quotes, escaped). */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@=-]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}
