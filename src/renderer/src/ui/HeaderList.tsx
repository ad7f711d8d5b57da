/**
 * Headers as a table, in their original order and case (duplicates kept). `highlight`
 * marks rows by name, case-insensitively (e.g. the signature header). Credential values
 * (Authorization, X-API-Key, Cookie…) are hidden until their Reveal is clicked: screens get
 * shared and recorded. Only the view hides them; the stored headers stay exact.
 */
import { useState } from 'react'
import type { HeaderPair } from '../../../shared/models'
import { isSecretHeader } from '../../../shared/secret-headers'
import Button from './Button'

/** One header value; a credential shows its length only until Reveal is clicked. */
function HeaderValue({ name, value }: { name: string; value: string }) {
  const [shown, setShown] = useState(false)
  if (!isSecretHeader(name) || value === '' || shown) return <>{value}</>
  return (
    <>
      <span className="faint" data-testid="header-value-masked">
        •••• ({value.length} characters)
      </span>{' '}
      <Button size="sm" variant="ghost" onClick={() => setShown(true)} testId="header-reveal" aria-label={`Reveal the ${name} value`}>
        Reveal
      </Button>
    </>
  )
}

export interface HeaderListProps {
  headers: HeaderPair[]
  highlight?: string[]
  testId?: string
  caption?: string
}

export default function HeaderList({ headers, highlight = [], testId, caption }: HeaderListProps) {
  const marked = new Set(highlight.map((h) => h.toLowerCase()))
  if (headers.length === 0) return <p className="muted">No headers.</p>
  return (
    <table className="kv-table" data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      {/* A fixed layout takes widths from the first row, which is the hidden head: set them here. */}
      <colgroup>
        <col className="kv-col-name" />
        <col />
      </colgroup>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i} className={marked.has(name.toLowerCase()) ? 'kv-highlight' : undefined} data-testid={marked.has(name.toLowerCase()) ? 'header-row-highlight' : undefined}>
            <th scope="row" className="mono">
              {name}
            </th>
            <td className="mono">
              <HeaderValue name={name} value={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
