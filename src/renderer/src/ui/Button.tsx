/**
 * The button every screen uses. `variant` sets the weight; `busy` disables it and says so.
 */
import type { ButtonHTMLAttributes } from 'react'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger'
  size?: 'sm' | 'md'
  busy?: boolean
  testId?: string
}

export default function Button({ variant = 'secondary', size = 'md', busy, testId, className, disabled, type, children, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <button type={type ?? 'button'} className={cls} disabled={disabled || busy} aria-busy={busy || undefined} data-testid={testId} {...rest}>
      {children}
    </button>
  )
}
