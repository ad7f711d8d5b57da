/**
 * Headers as a table, in their original order and case (duplicates kept). `highlight`
 * marks rows by name, case-insensitively (e.g. the signature header).
 */
import type { HeaderPair } from '../../../shared/models'

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
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
