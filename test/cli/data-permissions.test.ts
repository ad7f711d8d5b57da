/**
 * The data that holds secrets in clear (the database with the API secret, listener secrets
 * and endpoint auth headers, its -wal and -shm, and the data folder) is owner-only, with
 * the default data folder and with --db, whatever the umask. Looser ones left by an older
 * version are tightened, with a one-line notice on stderr. Real CLI child processes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SPAWN_TIMEOUT, makeTempDir, runCli, startCli, type BackgroundCli } from './cli-process'

const DB_NAME = 'workbench.sqlite'
let dir = ''
let running: BackgroundCli[] = []
afterEach(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  running = []
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const mode = (p: string): string => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, '0')

/** A listener keeps the database open, so its -wal and -shm exist while we look. */
async function listenWith(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BackgroundCli> {
  const p = startCli(['listen', '--port', '0', '--http', ...args], { env })
  running.push(p)
  await p.listenUrl('stdout')
  return p
}

describe.skipIf(process.platform === 'win32')('owner-only data files', { timeout: SPAWN_TIMEOUT }, () => {
  it('creates a fresh default data folder 0700 and the database, -wal and -shm 0600', async () => {
    dir = makeTempDir()
    const data = path.join(dir, 'fresh', 'data')
    await listenWith([], { KYC_HOOKS_DATA_DIR: data })
    const db = path.join(data, DB_NAME)
    expect({ folder: mode(data), db: mode(db), wal: mode(`${db}-wal`), shm: mode(`${db}-shm`) }).toEqual({
      folder: '0700',
      db: '0600',
      wal: '0600',
      shm: '0600'
    })
  })

  it('creates a --db file and its -wal and -shm 0600, and a folder it had to create 0700', async () => {
    dir = makeTempDir()
    const db = path.join(dir, 'new-folder', 'mine.sqlite')
    await listenWith(['--db', db])
    expect({ folder: mode(path.dirname(db)), db: mode(db), wal: mode(`${db}-wal`), shm: mode(`${db}-shm`) }).toEqual({
      folder: '0700',
      db: '0600',
      wal: '0600',
      shm: '0600'
    })
  })

  it('tightens a loose data folder and database with a one-line notice, once', async () => {
    dir = makeTempDir()
    const data = path.join(dir, 'data')
    const env = { KYC_HOOKS_DATA_DIR: data }
    const first = await runCli(['endpoints', 'list'], { env })
    expect(first.code, first.err).toBe(0)
    const db = path.join(data, DB_NAME)
    // As an older version left them.
    fs.chmodSync(data, 0o755)
    fs.chmodSync(db, 0o644)

    const second = await runCli(['endpoints', 'list'], { env })
    expect(second.code, second.err).toBe(0)
    const notices = second.err.split('\n').filter((l) => l.includes('tightened permissions'))
    expect(notices).toEqual([
      `tightened permissions of ${data} from 0755 to 0700`,
      `tightened permissions of ${db} from 0644 to 0600`
    ])
    expect({ folder: mode(data), db: mode(db) }).toEqual({ folder: '0700', db: '0600' })

    const third = await runCli(['endpoints', 'list'], { env })
    expect(third.err).not.toContain('tightened permissions')
  })

  it('tightens a loose --db file but leaves the folder it sits in alone', async () => {
    dir = makeTempDir()
    fs.chmodSync(dir, 0o755)
    const db = path.join(dir, 'shared.sqlite')
    expect((await runCli(['endpoints', 'list', '--db', db])).code).toBe(0)
    fs.chmodSync(db, 0o664)
    const again = await runCli(['endpoints', 'list', '--db', db])
    expect(again.err).toContain(`tightened permissions of ${db} from 0664 to 0600`)
    expect({ folder: mode(dir), db: mode(db) }).toEqual({ folder: '0755', db: '0600' })
  })
})
