/**
 * The one renderer store: a zustand store composed of one slice per domain, each nested
 * under its own key (`s.inbox`, `s.listeners`, ...). Components select the smallest piece
 * they need; async calls to the engine live in slice actions, never in components.
 * To add a slice: write `<domain>-slice.ts` exporting `create<Domain>Slice` and
 * `<Domain>Slice`, then add it to `WorkbenchState` and to the creator below.
 */
import { create } from 'zustand'
import { createAppSlice, type AppSlice } from './app-slice'
import { createInboxSlice, type InboxSlice } from './inbox-slice'
import { createListenersSlice, type ListenersSlice } from './listeners-slice'
import { createSettingsSlice, type SettingsSlice } from './settings-slice'

export type WorkbenchState = AppSlice & InboxSlice & ListenersSlice & SettingsSlice

export const useWorkbench = create<WorkbenchState>()((set, get, api) => ({
  ...createAppSlice(set, get, api),
  ...createInboxSlice(set, get, api),
  ...createListenersSlice(set, get, api),
  ...createSettingsSlice(set, get, api)
}))
