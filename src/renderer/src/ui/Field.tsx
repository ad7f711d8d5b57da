/**
 * A labelled form field: the label is a real <label> wrapping the control, so
 * `getByLabel('Port')` finds the input, plus an optional hint and an error line.
 */
import type { ReactNode } from 'react'

export interface FieldProps {
  label: string
  hint?: ReactNode
  error?: string | null
  children: ReactNode
  className?: string
  /** Put the label beside the control (checkboxes, toggles). */
  inline?: boolean
}

export default function Field({ label, hint, error, children, className, inline }: FieldProps) {
  return (
    <div className={['field', inline ? 'field-inline' : '', error ? 'field-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label>
        {inline ? children : null}
        <span className="field-label">{label}</span>
        {inline ? null : children}
      </label>
      {/* The error says what to do; the hint beside it would only repeat the rule. */}
      {hint && !error ? <div className="field-hint">{hint}</div> : null}
      {error ? (
        <div className="field-error-text" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  )
}
