/**
 * The nine screens, in sidebar order (Ctrl/Cmd+1..9 follow it). Each is a lazy chunk so
 * the first paint loads only the shell and the screen in view.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { ScreenName } from './route-parse'

export interface ScreenDef {
  id: ScreenName
  label: string
  /** A short glyph for the sidebar; text, so no icon font or image is needed. */
  glyph: string
  component: LazyExoticComponent<ComponentType>
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'inbox', label: 'Inbox', glyph: '⇣', component: lazy(() => import('../features/inbox/InboxScreen')) },
  { id: 'listeners', label: 'Listeners', glyph: '◉', component: lazy(() => import('../features/listeners/ListenersScreen')) },
  { id: 'compose', label: 'Compose & send', glyph: '✎', component: lazy(() => import('../features/compose/ComposeScreen')) },
  { id: 'endpoints', label: 'Endpoints', glyph: '⇢', component: lazy(() => import('../features/endpoints/EndpointsScreen')) },
  { id: 'deliveries', label: 'Deliveries', glyph: '≡', component: lazy(() => import('../features/deliveries/DeliveriesScreen')) },
  { id: 'platform', label: 'Platform (mock)', glyph: '⌂', component: lazy(() => import('../features/platform/PlatformScreen')) },
  { id: 'scenarios', label: 'Scenarios', glyph: '▶', component: lazy(() => import('../features/scenarios/ScenariosScreen')) },
  { id: 'audit', label: 'Check a handler', glyph: '✔', component: lazy(() => import('../features/audit/AuditScreen')) },
  { id: 'verify', label: 'Verify', glyph: '✓', component: lazy(() => import('../features/verify/VerifyScreen')) },
  { id: 'settings', label: 'Settings', glyph: '⚙', component: lazy(() => import('../features/settings/SettingsScreen')) }
]
