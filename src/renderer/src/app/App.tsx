/**
 * The shell: sidebar, the screen for the current route (lazy), the status bar and toasts.
 * It loads what every screen shares once and starts the one live-event subscription.
 */
import { Suspense, useEffect } from 'react'
import { startLiveEvents } from '../store/live-events'
import { useWorkbench } from '../store'
import { watchConnection } from './connection'
import ErrorBoundary from './ErrorBoundary'
import HealthBanner from './HealthBanner'
import { useRoute } from './router'
import { SCREENS } from './routes'
import { useGlobalShortcuts } from './shortcuts'
import Sidebar from './Sidebar'
import StatusBar from './StatusBar'
import { useThemeSync } from './theme'
import Toasts from './Toasts'
import UnauthorizedPage from './UnauthorizedPage'
import { useDesktopNavigation } from './desktop-navigation'

export default function App() {
  const route = useRoute()
  const unauthorized = useWorkbench((s) => s.app.unauthorized)
  useThemeSync()
  useGlobalShortcuts()
  useDesktopNavigation()

  useEffect(() => {
    const s = useWorkbench.getState()
    const stopLive = startLiveEvents()
    let socketLost = false
    const stopConn = watchConnection(
      (c) => {
        const st = useWorkbench.getState()
        // Events pushed while the socket was down are lost: refetch the lists after a reconnect.
        if (c === 'open' && socketLost) {
          void st.inbox.load()
          void st.listeners.load()
          void st.endpoints.load()
          void st.deliveries.load()
        }
        if (c === 'open') socketLost = false
        else if (c === 'closed' || (c === 'connecting' && st.app.connection === 'open')) socketLost = true
        st.app.setConnection(c)
      },
      () => useWorkbench.getState().app.reportError({ code: 'unauthorized', message: 'token required' })
    )
    // The Inbox's first page, asked for while its code is still loading (issue 10: first
    // row sooner); the screen joins this request when it mounts.
    if (route.screen === 'inbox') void s.inbox.load()
    void s.app.loadInfo()
    void s.settings.load()
    void s.listeners.load()
    void s.health.loadAlerts()
    return () => {
      stopLive()
      stopConn()
    }
  }, [])

  if (unauthorized) return <UnauthorizedPage />

  const screen = SCREENS.find((s) => s.id === route.screen) ?? SCREENS[0]
  const Screen = screen.component
  return (
    <div className="app">
      <Sidebar current={screen.id} />
      <main className="main" data-testid={`screen-${screen.id}`}>
        <HealthBanner />
        <ErrorBoundary key={screen.id}>
          <Suspense fallback={<div className="screen-loading">Loading…</div>}>
            <Screen />
          </Suspense>
        </ErrorBoundary>
      </main>
      <StatusBar />
      <Toasts />
    </div>
  )
}
