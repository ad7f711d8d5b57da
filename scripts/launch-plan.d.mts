// Types for scripts/launch-plan.mjs (a plain Node script, so `npm start` needs no build).
export type Probe<T extends object = object> = ({ ok: true } & T) | { ok: false; reason: string }

export function hasDisplay(platform: NodeJS.Platform, env: Record<string, string | undefined>): boolean

export function probeElectronBinary(electronDir: string, env?: Record<string, string | undefined>): Probe<{ path: string }>

export interface LaunchInput {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  isRoot: boolean
  electron: () => Promise<Probe<{ path: string }>>
  nativeSqlite: () => Promise<Probe>
}

export type LaunchPlan = { kind: 'electron'; electronPath: string } | { kind: 'serve'; reason: string }

export function planLaunch(input: LaunchInput): Promise<LaunchPlan>

export function fallbackLine(reason: string): string
