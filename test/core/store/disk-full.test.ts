/**
 * A disk-full must not keep captures failing once the user frees space. Before the fix, on
 * a small filesystem the WAL kept the space it had grown into (checkpoints could not
 * finish, so it never started over) and every later request got 503 while load went on.
 *
 * Real parts: a tmpfs of a few MB (mounting needs root, as in CI), a real listener, real
 * HTTP captures, the real database on that tmpfs.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WAL_SIZE_LIMIT_BYTES, isDiskFull, reclaimWalSpace } from '../../../src/core/store/database'
import { createWorkbench, type Workbench } from '../../../src/core/workbench'
import { ListenerInput } from '../../../src/shared/models'

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const canMount = process.platform === 'linux' && isRoot
const FS_MB = 48

let mountPoint = ''
let wb: Workbench | null = null
afterEach(async () => {
  await wb?.close().catch(() => undefined)
  wb = null
  if (mountPoint) {
    execFileSync('umount', [mountPoint])
    fs.rmSync(mountPoint, { recursive: true, force: true })
    mountPoint = ''
  }
})

/** Fills the filesystem with `file` until writing fails (ENOSPC), leaving about `leaveBytes`. */
function fill(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (let written = 0; written < bytes; written += chunk.length) fs.writeSync(fd, chunk)
  } catch {
    // ENOSPC: full is what we wanted
  } finally {
    fs.closeSync(fd)
  }
}

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir)
  return s.bavail * s.bsize
}

async function post(url: string, body: string): Promise<number> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

// Skipped only where a tmpfs cannot be mounted (not root, or not Linux); CI runs as root.
describe.skipIf(!canMount)('disk full (needs root to mount a tmpfs; CI runs as root)', () => {
  it('sets journal_size_limit, so a WAL that grew (into a full disk) is cut back when it starts over', async () => {
    mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-tmpfs-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint])
    wb = await createWorkbench({ dataDir: path.join(mountPoint, 'data'), background: false })
    expect(wb.db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES)
    // A filler the user can delete later, then fill the rest through the database itself.
    fill(path.join(mountPoint, 'filler'), 2 * 1024 * 1024)
    const db = wb.db
    db.exec('CREATE TABLE pad (b BLOB)')
    const insert = db.prepare('INSERT INTO pad VALUES (?)')
    let full: unknown = null
    for (let i = 0; i < 10_000 && !full; i++) {
      try {
        insert.run(Buffer.alloc(64 * 1024, i % 256))
      } catch (err) {
        full = err
      }
    }
    expect(isDiskFull(full)).toBe(true)
    // With the disk full even a DELETE cannot be written; freeing a file is what users do.
    fs.rmSync(path.join(mountPoint, 'filler'))
    const walBefore = fs.statSync(`${wb.dbFile}-wal`).size
    expect(walBefore).toBeGreaterThan(0)
    expect(reclaimWalSpace(db, Date.now() + 60_000)).toBe(true)
    expect(fs.statSync(`${wb.dbFile}-wal`).size).toBe(0)
  })

  it('captures resume under continuing load once space is freed after a disk-full', { timeout: 180_000 }, async () => {
    mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-tmpfs-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FS_MB}m`, 'tmpfs', mountPoint])
    const dataDir = path.join(mountPoint, 'data')
    wb = await createWorkbench({ dataDir, background: false })
    const listener = await wb.listeners.create(ListenerInput.parse({ name: 'disk', port: 0, protocol: 'http', host: '127.0.0.1' }))
    const state = await wb.listeners.start({ id: listener.id })
    const url = `${state.url}hooks`
    const stored = (): number => (wb!.db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n

    // Most of the space goes to a big filler; a second, smaller one is what the user frees.
    fill(path.join(mountPoint, 'filler-big'), freeBytes(mountPoint) - 24 * 1024 * 1024)
    fill(path.join(mountPoint, 'filler-small'), 3.6 * 1024 * 1024)

    // Load: 4 senders, 24 KB bodies, each unique so none is a duplicate.
    let n = 0
    let running = true
    const statuses: number[] = []
    const sender = async (): Promise<void> => {
      while (running) {
        const body = JSON.stringify({ event: 'submission.updated', data: { n: n++, pad: 'x'.repeat(24 * 1024) } })
        statuses.push(await post(url, body))
      }
    }
    const senders = Array.from({ length: 16 }, sender)
    const until = async (what: string, check: () => boolean, limitMs = 120_000): Promise<void> => {
      const start = Date.now()
      while (!check()) {
        if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}; last statuses ${statuses.slice(-20).join(',')}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    try {
      await until('the disk to fill (503)', () => statuses.includes(503))
      // Keep the load on the full disk for a while, as a real sender's retries would.
      const fullAt = statuses.length
      await until('more requests on the full disk', () => statuses.length >= fullAt + 100)
      const storedWhenFull = stored()

      fs.rmSync(path.join(mountPoint, 'filler-small'))
      const freedAt = statuses.length
      // Under continuing load, captures succeed again and are on disk.
      await until('captures to resume after freeing space', () => statuses.slice(freedAt).filter((s) => s === 200).length >= 20)
      expect(stored()).toBeGreaterThanOrEqual(storedWhenFull + 20)
    } finally {
      running = false
      await Promise.all(senders)
    }
  })
})
