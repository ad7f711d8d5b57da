/**
 * The request body, read-only: "Pretty JSON" (re-formatted for reading) and "Raw bytes"
 * (the exact text, or a hex dump when the bytes are not UTF-8). Signatures are computed
 * over the raw bytes, so the raw tab is the evidence.
 */
import { useEffect, useRef, useState } from 'react'
import CodeEditor from '../../editor/CodeEditor'
import Tabs from '../../ui/Tabs'
import { lineOfPointer } from './body-format'
import { PRETTY_LIMIT_BYTES, type DecodedBody } from './use-body'

type BodyTab = 'pretty' | 'raw'
const TABS = [
  { id: 'pretty', label: 'Pretty JSON' },
  { id: 'raw', label: 'Raw bytes' }
] as const

/** Facts about the exact bytes that explain most signature mismatches. */
function byteFacts(body: DecodedBody): string[] {
  const facts = [`${body.bytes.length} bytes`]
  if (body.text === null) return [...facts, 'not valid UTF-8 (shown as hex)']
  facts.push('UTF-8')
  if (body.text.startsWith('\uFEFF')) facts.push('starts with a BOM')
  if (body.text.includes('\r\n')) facts.push('CRLF line endings')
  if (/\n$/.test(body.text)) facts.push('ends with a newline')
  return facts
}

export default function BodyView({ body, reveal }: { body: DecodedBody; reveal: { pointer: string; n: number } | null }) {
  const [tab, setTab] = useState<BodyTab>(body.pretty ? 'pretty' : 'raw')
  const [revealLine, setRevealLine] = useState<{ line: number; key: number } | undefined>(undefined)
  const rootRef = useRef<HTMLDivElement>(null)

  // Clicking a schema error switches to the pretty view and selects the field's line.
  useEffect(() => {
    if (!reveal || !body.pretty) return
    const line = lineOfPointer(body.pretty, reveal.pointer)
    if (line === null) return
    setTab('pretty')
    setRevealLine({ line, key: reveal.n })
    rootRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }, [reveal, body.pretty])

  const effectiveTab: BodyTab = body.pretty ? tab : 'raw'
  const lines = body.pretty && effectiveTab === 'pretty' ? body.pretty.text.split('\n').length : (body.text ?? body.hex).split('\n').length
  const height = Math.max(120, Math.min(480, lines * 19 + 16))

  return (
    <div className="body-view" data-testid="body-view" ref={rootRef}>
      <div className="byte-facts faint" data-testid="body-facts">
        {byteFacts(body).join(' · ')}
      </div>
      <Tabs tabs={TABS} selected={effectiveTab} onSelect={setTab} label="Body view" idPrefix="body">
        {effectiveTab === 'pretty' && body.pretty ? (
          <CodeEditor
            value={body.pretty.text}
            readOnly
            language="json"
            height={height}
            ariaLabel="Request body, pretty JSON"
            testId="body-pretty"
            revealLine={revealLine}
          />
        ) : (
          <>
            {!body.pretty && tab === 'pretty' ? (
              <p className="muted">
                {body.text !== null && body.bytes.length > PRETTY_LIMIT_BYTES
                  ? 'The body is too large to re-format; showing the raw bytes.'
                  : 'The body is not JSON; showing the raw bytes.'}
              </p>
            ) : null}
            <CodeEditor
              value={body.text ?? body.hex}
              readOnly
              language="plaintext"
              height={height}
              ariaLabel={body.text === null ? 'Request body, hex dump' : 'Request body, raw text'}
              testId="body-raw"
            />
          </>
        )}
      </Tabs>
    </div>
  )
}
