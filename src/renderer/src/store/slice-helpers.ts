/**
 * Small helpers every slice uses, so each slice file reads as its state and actions only.
 */
import type { StateCreator } from 'zustand'
import type { WorkbenchState } from './index'

/** The signature of a slice factory: it sees the whole store, returns its own key. */
export type SliceCreator<T> = StateCreator<WorkbenchState, [], [], T>

type SetState = Parameters<SliceCreator<unknown>>[0]

/**
 * A setter for one nested slice key: merges a partial (or the result of a function of the
 * current slice state) into `state[key]`, leaving the other slices untouched.
 */
export function nestedSetter<K extends keyof WorkbenchState>(set: SetState, key: K) {
  return (patch: Partial<WorkbenchState[K]> | ((current: WorkbenchState[K]) => Partial<WorkbenchState[K]>)): void => {
    set((state) => {
      const current = state[key]
      const next = typeof patch === 'function' ? patch(current) : patch
      return { [key]: { ...current, ...next } } as unknown as Partial<WorkbenchState>
    })
  }
}
