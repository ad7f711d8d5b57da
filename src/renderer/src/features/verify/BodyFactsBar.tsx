/**
 * What exactly is being verified: byte count, trailing newline, line endings, BOM and
 * outer whitespace, each with a one-click fix. These are the invisible differences that
 * make a correct-looking body fail verification.
 */
import { useMemo } from 'react'
import { useWorkbench } from '../../store'
import { Badge } from '../../ui/Badge'
import Button from '../../ui/Button'
import { bodyFacts, convertLineEndings, describeLineEndings, formatBytes, stripBom, stripTrailingNewline } from './body-facts'

export default function BodyFactsBar() {
  const body = useWorkbench((s) => s.verify.body)
  const facts = useMemo(() => bodyFacts(body), [body])
  const setBody = (next: string) => useWorkbench.getState().verify.setBody(next)

  if (facts.bytes === 0) {
    return (
      <div className="vf-facts" aria-label="Body facts" data-testid="body-facts">
        <Badge tone="neutral" testId="body-bytes">
          <span className="mono">{formatBytes(0)}</span>
        </Badge>
        <span className="faint">empty body</span>
      </div>
    )
  }
  return (
    <div className="vf-facts" aria-label="Body facts" data-testid="body-facts">
      <Badge tone="neutral" testId="body-bytes">
        <span className="mono">{formatBytes(facts.bytes)}</span>
      </Badge>
      <Badge tone={facts.endsWithNewline ? 'warn' : 'neutral'} testId="body-newline">
        {facts.endsWithNewline ? 'ends with a newline' : 'no trailing newline'}
      </Badge>
      <Badge tone={facts.lineEndings === 'crlf' || facts.lineEndings === 'mixed' || facts.lineEndings === 'cr' ? 'warn' : 'neutral'} testId="body-eol">
        {describeLineEndings(facts.lineEndings)}
      </Badge>
      <Badge tone={facts.bom ? 'warn' : 'neutral'} testId="body-bom">
        {facts.bom ? 'BOM present' : 'no BOM'}
      </Badge>
      {facts.outerWhitespace && !facts.endsWithNewline ? <Badge tone="warn">leading/trailing whitespace</Badge> : null}
      <span className="vf-fixes">
        {facts.endsWithNewline ? (
          <Button size="sm" variant="ghost" onClick={() => setBody(stripTrailingNewline(body))}>
            Remove trailing newline
          </Button>
        ) : null}
        {facts.lineEndings === 'crlf' || facts.lineEndings === 'mixed' || facts.lineEndings === 'cr' ? (
          <Button size="sm" variant="ghost" onClick={() => setBody(convertLineEndings(body, 'lf'))}>
            Convert to LF
          </Button>
        ) : null}
        {facts.lineEndings === 'lf' || facts.lineEndings === 'mixed' ? (
          <Button size="sm" variant="ghost" onClick={() => setBody(convertLineEndings(body, 'crlf'))}>
            Convert to CRLF
          </Button>
        ) : null}
        {facts.bom ? (
          <Button size="sm" variant="ghost" onClick={() => setBody(stripBom(body))}>
            Remove BOM
          </Button>
        ) : null}
      </span>
    </div>
  )
}
