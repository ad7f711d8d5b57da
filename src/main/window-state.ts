// Hand-written, not electron-window-state: it require()s the real electron itself, so these rules could not be tested without Electron.
/**
 * The window's size, position and maximized flag, remembered between runs in a small JSON
 * file in the data folder. A missing, corrupt or hand-edited file never stops the app: it
 * falls back to defaults, and a position that is off every screen is dropped.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../core/store/private-files'
import { messageOf } from '../shared/errors'

export const WINDOW_STATE_FILE = 'window-state.json'

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false }
const MIN_WIDTH = 720
const MIN_HEIGHT = 480
const MAX_SIDE = 100_000

function isCoord(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_SIDE
}

function isSide(value: unknown): value is number {
  return isCoord(value) && value >= 1
}

/** Reads the saved state; defaults for anything missing or malformed. */
export function loadWindowState(dataDir: string): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'))
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE }
  const r = raw as Record<string, unknown>
  const state: WindowState = {
    width: isSide(r.width) ? Math.max(MIN_WIDTH, Math.round(r.width)) : DEFAULT_WINDOW_STATE.width,
    height: isSide(r.height) ? Math.max(MIN_HEIGHT, Math.round(r.height)) : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true
  }
  if (isCoord(r.x) && isCoord(r.y)) {
    state.x = Math.round(r.x)
    state.y = Math.round(r.y)
  }
  return state
}

/**
 * Keeps a saved position only if enough of the window's title bar would be on one of the
 * current screens (a monitor may have been unplugged since); otherwise the OS centres it.
 */
export function fitToScreens(state: WindowState, workAreas: Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(x + state.width, area.x + area.width) - Math.max(x, area.x)
    const titleBarInside = y >= area.y && y < area.y + area.height - 40
    return overlapX >= 100 && titleBarInside
  })
  if (visible) return state
  return { width: state.width, height: state.height, maximized: state.maximized }
}

/** Writes the state atomically (temp file + rename); a failure is logged, never thrown. */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, WINDOW_STATE_FILE)
  const tmp = `${file}.${process.pid}.tmp`
  try {
    // Owner-only like the database beside it: a folder made 0755 here would be "tightened"
    // (with a notice) the next time the database opens it.
    ensurePrivateDir(dataDir, false)
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { mode: PRIVATE_FILE_MODE })
    fs.renameSync(tmp, file)
  } catch (err) {
    console.warn(`workbench: could not save the window state to ${file}: ${messageOf(err)}`)
  }
}
