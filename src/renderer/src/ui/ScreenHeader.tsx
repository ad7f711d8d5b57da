/**
 * The top bar of a screen: its title, then the screen's actions or hints on the right.
 */
import type { ReactNode } from 'react'

export default function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      {children}
    </header>
  )
}
