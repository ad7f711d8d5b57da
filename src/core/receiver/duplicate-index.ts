/**
 * Which capture first carried a body, per listener, so each new capture can say
 * "duplicate of cap_…" without a query per request: a body seen before in this process
 * is answered from memory; a new one costs one indexed lookup (listener_id, body_sha256),
 * after which it is remembered as well.
 */
import type { CapturesRepo } from './captures-repo'

// Bounds memory on a very long run; forgetting only costs a lookup later.
const MAX_BODIES_PER_LISTENER = 200_000

export interface DuplicateIndex {
  /** The earliest capture with this body on this listener, or null when `id` is the first (it is then recorded). */
  claim(listenerId: string | null, sha256: string, id: string): string | null
  /** Undoes a claim whose row never reached the disk. */
  release(listenerId: string | null, sha256: string, id: string): void
  /** Forgets everything (after deletes, the remembered first capture may be gone). */
  reset(): void
}

export function createDuplicateIndex(repo: CapturesRepo): DuplicateIndex {
  const byListener = new Map<string | null, Map<string, string>>()

  return {
    claim(listenerId, sha256, id) {
      let bodies = byListener.get(listenerId)
      if (!bodies) {
        bodies = new Map()
        byListener.set(listenerId, bodies)
      }
      const known = bodies.get(sha256)
      if (known !== undefined) return known
      const first = repo.firstWithBody(listenerId, sha256)
      if (bodies.size >= MAX_BODIES_PER_LISTENER) bodies.clear()
      bodies.set(sha256, first ?? id)
      return first
    },
    release(listenerId, sha256, id) {
      const bodies = byListener.get(listenerId)
      if (bodies?.get(sha256) === id) bodies.delete(sha256)
    },
    reset() {
      byListener.clear()
    }
  }
}
