/**
 * A ready-to-paste command or value, shown as text with a copy button beside it.
 */
import CopyButton from './CopyButton'

export default function CodeBlock({ text, what, testId }: { text: string; what: string; testId?: string }) {
  return (
    <div className="code-block" data-testid={testId}>
      <pre>{text}</pre>
      <CopyButton text={text} what={what} />
    </div>
  )
}
