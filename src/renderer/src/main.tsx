/**
 * Renderer entry: apply the cached theme before the first paint, then mount the shell.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import App from './app/App'
import { applyCachedTheme } from './app/theme'
import './app/theme.css'
import './ui/ui.css'
import './app/app.css'

applyCachedTheme()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
