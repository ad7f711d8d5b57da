/**
 * What a screen shows when it has nothing yet: a title, words that teach the next step,
 * and the actions that take it.
 */
import type { ReactNode } from 'react'

export default function EmptyState({ title, children, actions, testId }: { title: string; children?: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <h2>{title}</h2>
      {children ? <div className="empty-body">{children}</div> : null}
      {actions ? <div className="empty-actions">{actions}</div> : null}
    </div>
  )
}
