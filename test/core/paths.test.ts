import { describe, expect, it } from 'vitest'
import path from 'node:path'
import os from 'node:os'
import { APP_FOLDER_NAME, DB_FILE_NAME, defaultDataDir, ownsDataDir, resolveDataLocation } from '../../src/core/paths'

describe('data location', () => {
  it('follows each OS convention for per-user app data', () => {
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.config', APP_FOLDER_NAME))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe(path.join('/x/cfg', APP_FOLDER_NAME))
    expect(defaultDataDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER_NAME))
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', APP_FOLDER_NAME)
    )
  })

  it('lets --db or KYC_HOOKS_DB name the file, with the rest of the data beside it', () => {
    expect(resolveDataLocation({ db: '/data/a.sqlite' }, {})).toEqual({ dataDir: '/data', dbFile: '/data/a.sqlite' })
    expect(resolveDataLocation({}, { KYC_HOOKS_DB: '/env/b.sqlite' })).toEqual({ dataDir: '/env', dbFile: '/env/b.sqlite' })
    // The flag wins over the environment.
    expect(resolveDataLocation({ db: '/flag/c.sqlite' }, { KYC_HOOKS_DB: '/env/b.sqlite' }).dbFile).toBe('/flag/c.sqlite')
  })

  it('puts the database in the data folder by default', () => {
    expect(resolveDataLocation({}, { KYC_HOOKS_DATA_DIR: '/d' })).toEqual({ dataDir: '/d', dbFile: path.join('/d', DB_FILE_NAME) })
  })

  it('counts the default or a named data folder as ours to tighten, not the folder of a --db file', () => {
    expect(ownsDataDir({}, {})).toBe(true)
    expect(ownsDataDir({}, { KYC_HOOKS_DATA_DIR: '/d' })).toBe(true)
    expect(ownsDataDir({ db: '/tmp/a.sqlite' }, {})).toBe(false)
    expect(ownsDataDir({}, { KYC_HOOKS_DB: '/tmp/a.sqlite' })).toBe(false)
    expect(ownsDataDir({ db: '/tmp/a.sqlite', dataDir: '/d' }, {})).toBe(true)
  })
})
