/**
 * A modal dialog on the native <dialog>: the browser traps focus, Esc closes it and the
 * page behind is inert. Focus starts in the first field and returns to the opener on close. `open` drives it; `onClose` runs for Esc, the close button and
 * clicks on the backdrop.
 */
import { useEffect, useRef, type ReactNode } from 'react'

/** The first form control in the body: where focus goes when the dialog opens. */
const FIRST_FIELD = '.dialog-body :is(input:not([type="hidden"]):not([type="file"]), select, textarea):not(:disabled)'

export interface DialogProps {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  width?: number | string
  testId?: string
}

export default function Dialog({ open, title, onClose, children, footer, width = 560, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const d = ref.current
    if (!open || !d) return
    // Whatever had focus (the button that opened it) gets it back when the dialog goes.
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    if (!d.open) d.showModal()
    // showModal focuses the first focusable element, the × button; the first field is where
    // typing should start (React's autoFocus fires before the dialog is shown, so it is lost).
    d.querySelector<HTMLElement>(FIRST_FIELD)?.focus()
    return () => {
      if (d.open) d.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [open])

  if (!open) return null
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={{ width }}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onMouseDown={(e) => {
        // A press on the backdrop lands on the <dialog> itself, outside its content box.
        if (e.target === ref.current) onClose()
      }}
    >
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer className="dialog-footer">{footer}</footer> : null}
      </div>
    </dialog>
  )
}
