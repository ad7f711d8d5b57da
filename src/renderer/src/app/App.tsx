/**
 * The shell: sidebar, the screen for the current route (lazy), the status bar and toasts.
 * It loads what every screen shares once and starts the one live-event subscription.
 */
import { Suspense, useEffect } from 'react'
import { startLiveEvents } from '../store/live-events'
import { useWorkbench } from '../store'
import { watchConnection } from './connection'
import ErrorBoundary from './ErrorBoundary'
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
    const stopConn = watchConnection(
      (c) => useWorkbench.getState().app.setConnection(c),
      () => useWorkbench.getState().app.reportError({ code: 'unauthorized', message: 'token required' })
    )
    void s.app.loadInfo()
    void s.settings.load()
    void s.listeners.load()
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
