/**
 * Expected vs received signature, split into runs that agree and runs that differ, so the
 * view can mark exactly the part that is wrong (e.g. uppercase hex differs everywhere a
 * letter is, a prefix like `sha256=` shifts everything).
 */

export interface DiffRun {
  text: string
  same: boolean
}

/** Position-by-position comparison of `a` against `b`, as runs of `a`. */
export function diffRuns(a: string, b: string): DiffRun[] {
  const runs: DiffRun[] = []
  for (let i = 0; i < a.length; i++) {
    const same = i < b.length && a[i] === b[i]
    const last = runs[runs.length - 1]
    if (last && last.same === same) last.text += a[i]
    else runs.push({ text: a[i], same })
  }
  return runs
}

/**
 * True when two signatures have nothing in common position by position (more than half
 * differs): two HMACs of different bytes or keys look like that, and marking every
 * character would say nothing. Near misses (case, a prefix, one wrong character) stay marked.
 */
export function unrelatedDigests(a: string, b: string): boolean {
  return differingCount(a, b) > Math.max(a.length, b.length) / 2
}

/** How many characters differ (including a length difference). */
export function differingCount(a: string, b: string): number {
  let n = Math.abs(a.length - b.length)
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++
  return n
}
