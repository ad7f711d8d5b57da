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
import { createComposeSlice, type ComposeSlice } from './compose-slice'
import { createEndpointsSlice, type EndpointsSlice } from './endpoints-slice'
import { createDeliveriesSlice, type DeliveriesSlice } from './deliveries-slice'
import { createVerifySlice, type VerifySlice } from './verify-slice'
import { createHealthSlice, type HealthSlice } from './health-slice'
import { createPlatformSlice, type PlatformSlice } from './platform-slice'

export type WorkbenchState = AppSlice &
  InboxSlice &
  ListenersSlice &
  SettingsSlice &
  ComposeSlice &
  EndpointsSlice &
  DeliveriesSlice &
  VerifySlice &
  HealthSlice &
  PlatformSlice

export const useWorkbench = create<WorkbenchState>()((set, get, api) => ({
  ...createAppSlice(set, get, api),
  ...createInboxSlice(set, get, api),
  ...createListenersSlice(set, get, api),
  ...createSettingsSlice(set, get, api),
  ...createComposeSlice(set, get, api),
  ...createEndpointsSlice(set, get, api),
  ...createDeliveriesSlice(set, get, api),
  ...createVerifySlice(set, get, api),
  ...createHealthSlice(set, get, api),
  ...createPlatformSlice(set, get, api)
}))
