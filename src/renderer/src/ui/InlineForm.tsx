/**
 * A one-row form (fields then a Save button) whose submit, by Enter or the button, runs
 * `onSubmit` instead of reloading the page.
 */
import type { ReactNode } from 'react'

export interface InlineFormProps {
  onSubmit: () => void
  children: ReactNode
}

export default function InlineForm({ onSubmit, children }: InlineFormProps) {
  return (
    <form
      className="retry-row"
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      {children}
    </form>
  )
}
