/**
 * A titled section of a screen (Settings' Delivery retries, Storage…): the heading labels
 * the section for assistive tech, and an optional muted paragraph says what it is for.
 */
import type { ReactNode } from 'react'

export interface SectionProps {
  /** Makes the heading's id (`${id}-title`), which labels the section. */
  id: string
  title: string
  intro?: ReactNode
  testId?: string
  children: ReactNode
}

export default function Section({ id, title, intro, testId, children }: SectionProps) {
  return (
    <section className="section" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
    </section>
  )
}
