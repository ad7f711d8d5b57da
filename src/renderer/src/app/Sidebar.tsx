/**
 * The left navigation: the screens in order, with their Ctrl/Cmd+N shortcut.
 */
import { SCREENS } from './routes'
import { buildHash } from './route-parse'
import { screenShortcutDigit } from '../../../shared/bridge'
import type { ScreenName } from './route-parse'

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)

export default function Sidebar({ current }: { current: ScreenName }) {
  return (
    <nav className="sidebar" aria-label="Screens" data-testid="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          K
        </span>
        <span className="brand-text">
          <strong>Smart KYC</strong>
          <span>Webhook Workbench</span>
        </span>
      </div>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <a
              href={buildHash(s.id)}
              className={s.id === current ? 'nav-link nav-current' : 'nav-link'}
              aria-current={s.id === current ? 'page' : undefined}
              data-testid={`nav-${s.id}`}
              title={`${s.label} (${isMac ? '⌘' : 'Ctrl+'}${screenShortcutDigit(i)})`}
            >
              <span className="nav-glyph" aria-hidden="true">
                {s.glyph}
              </span>
              <span className="nav-label">{s.label}</span>
              <kbd className="nav-kbd" aria-hidden="true">
                {isMac ? '⌘' : '^'}
                {screenShortcutDigit(i)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
