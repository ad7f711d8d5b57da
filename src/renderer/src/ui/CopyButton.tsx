/**
 * A small "Copy" button that copies a given text and says "Copied" for a moment.
 */
import { useState } from 'react'
import { copyText } from '../app/clipboard'
import { useWorkbench } from '../store'
import Button from './Button'

export default function CopyButton({ text, label = 'Copy', what, testId }: { text: string; label?: string; what?: string; testId?: string }) {
  const [copied, setCopied] = useState(false)
  const reportError = useWorkbench((s) => s.app.reportError)
  return (
    <Button
      size="sm"
      variant="ghost"
      testId={testId}
      aria-label={what ? `Copy ${what}` : label}
      onClick={() => {
        copyText(text).then(
          () => {
            setCopied(true)
            setTimeout(() => setCopied(false), 1500)
          },
          (err) => reportError(err, 'Copying')
        )
      }}
    >
      {copied ? 'Copied' : label}
    </Button>
  )
}
