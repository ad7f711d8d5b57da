/**
 * A labelled one-line text field in monospace, for values people type exactly (a retry
 * schedule, a percentage): `onEdit` gets the new text; the form clears its error there.
 */
import type { HTMLAttributes, ReactNode } from 'react'
import Field from './Field'

export interface TextFieldProps {
  label: string
  value: string
  onEdit: (text: string) => void
  error?: string | null
  hint?: ReactNode
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode']
  testId?: string
}

export default function TextField({ label, value, onEdit, error, hint, inputMode, testId }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      <input type="text" inputMode={inputMode} className="mono" value={value} onChange={(e) => onEdit(e.target.value)} data-testid={testId} />
    </Field>
  )
}
