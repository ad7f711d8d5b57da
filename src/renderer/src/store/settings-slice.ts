/**
 * Settings and API credentials. A freshly created or rotated secret is kept in
 * `revealedSecret` only until the user dismisses it: the engine never returns it again.
 */
import type { Credentials, Settings } from '../../../shared/models'
import { call } from '../api/client'
import { copyText } from '../app/clipboard'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export interface SettingsSlice {
  settings: {
    values: Settings | null
    credentials: Credentials | null
    credentialsLoaded: boolean
    /** The secret from the last create/rotate, shown once. */
    revealedSecret: string | null
    saving: boolean
    load(): Promise<void>
    update(patch: Partial<Settings>): Promise<boolean>
    applyRemote(values: Settings): void
    loadCredentials(): Promise<void>
    createCredentials(): Promise<void>
    rotate(graceHours: number): Promise<void>
    dismissSecret(): void
    copy(text: string, what: string): Promise<void>
  }
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => {
  const patch = nestedSetter(set, 'settings')
  return {
    settings: {
      values: null,
      credentials: null,
      credentialsLoaded: false,
      revealedSecret: null,
      saving: false,

      async load() {
        try {
          patch({ values: await call('settings.get', {}) })
        } catch (err) {
          get().app.reportError(err, 'Loading settings')
        }
      },

      async update(changes) {
        const before = get().settings.values
        // Apply at once (the theme must switch immediately); roll back if the engine refuses.
        if (before) patch({ values: { ...before, ...changes } })
        patch({ saving: true })
        try {
          patch({ values: await call('settings.update', changes) })
          return true
        } catch (err) {
          if (before) patch({ values: before })
          get().app.reportError(err, 'Saving settings')
          return false
        } finally {
          patch({ saving: false })
        }
      },

      applyRemote(values) {
        patch({ values })
      },

      async loadCredentials() {
        try {
          patch({ credentials: await call('credentials.get', {}), credentialsLoaded: true })
        } catch (err) {
          get().app.reportError(err, 'Loading credentials')
        }
      },

      async createCredentials() {
        try {
          const created = await call('credentials.create', {})
          patch({ credentials: { ...created, secret: undefined }, revealedSecret: created.secret ?? null, credentialsLoaded: true })
        } catch (err) {
          get().app.reportError(err, 'Creating credentials')
        }
      },

      async rotate(graceHours) {
        try {
          const rotated = await call('credentials.rotate', { graceHours })
          patch({ credentials: { ...rotated, secret: undefined }, revealedSecret: rotated.secret ?? null })
        } catch (err) {
          get().app.reportError(err, 'Rotating the secret')
        }
      },

      dismissSecret() {
        patch({ revealedSecret: null })
      },

      async copy(text, what) {
        try {
          await copyText(text)
          get().app.toast('success', `Copied ${what}`)
        } catch (err) {
          get().app.reportError(err, `Copying ${what}`)
        }
      }
    }
  }
}
