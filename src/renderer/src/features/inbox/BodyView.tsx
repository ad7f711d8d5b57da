/**
 * The request body, read-only: "Pretty JSON" (re-formatted for reading), "Raw text" (the
 * exact text, when the bytes are UTF-8) and "Hex" (every byte, with BOM, CR/LF, NUL and
 * stray bytes marked). Signatures are computed over the raw bytes, so the hex tab is the
 * evidence.
 */
import { useEffect, useRef, useState } from 'react'
import CodeEditor from '../../editor/CodeEditor'
import HexView from '../../ui/HexView'
import Tabs from '../../ui/Tabs'
import { lineOfPointer } from './body-format'
import { PRETTY_LIMIT_BYTES, type DecodedBody } from './use-body'

type BodyTab = 'pretty' | 'raw' | 'hex'
const PRETTY = { id: 'pretty', label: 'Pretty JSON' } as const
const RAW = { id: 'raw', label: 'Raw text' } as const
const HEX = { id: 'hex', label: 'Hex' } as const

/** Facts about the exact bytes that explain most signature mismatches. */
function byteFacts(body: DecodedBody): string[] {
  const facts = [`${body.bytes.length} bytes`]
  if (body.text === null) return [...facts, 'not valid UTF-8 (see Hex)']
  facts.push('UTF-8')
  if (body.text.startsWith('\uFEFF')) facts.push('starts with a BOM')
  if (body.text.includes('\r\n')) facts.push('CRLF line endings')
  if (/\n$/.test(body.text)) facts.push('ends with a newline')
  return facts
}

export default function BodyView({ body, reveal }: { body: DecodedBody; reveal: { pointer: string; n: number } | null }) {
  const [tab, setTab] = useState<BodyTab>(body.pretty ? 'pretty' : body.text !== null ? 'raw' : 'hex')
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

  // Hex is always there; the text views only when the bytes are text (and JSON).
  const tabs = [...(body.text !== null ? [PRETTY, RAW] : []), HEX]
  const effectiveTab: BodyTab = tab === 'hex' || body.text === null ? 'hex' : tab === 'pretty' && !body.pretty ? 'raw' : tab
  const lines = body.pretty && effectiveTab === 'pretty' ? body.pretty.text.split('\n').length : (body.text ?? '').split('\n').length
  const height = Math.max(120, Math.min(480, lines * 19 + 16))

  return (
    <div className="body-view" data-testid="body-view" ref={rootRef}>
      <div className="byte-facts faint" data-testid="body-facts">
        {byteFacts(body).join(' · ')}
      </div>
      <Tabs tabs={tabs} selected={effectiveTab} onSelect={setTab} label="Body view" idPrefix="body">
        {effectiveTab === 'hex' ? (
          <HexView bytes={body.bytes} testId="body-hex" />
        ) : effectiveTab === 'pretty' && body.pretty ? (
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
                {body.bytes.length > PRETTY_LIMIT_BYTES
                  ? 'The body is too large to re-format; showing the raw text.'
                  : 'The body is not JSON; showing the raw text.'}
              </p>
            ) : null}
            <CodeEditor value={body.text ?? ''} readOnly language="plaintext" height={height} ariaLabel="Request body, raw text" testId="body-raw" />
          </>
        )}
      </Tabs>
    </div>
  )
}
