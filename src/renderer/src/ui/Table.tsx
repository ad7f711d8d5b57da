/**
 * Table pieces for small, non-virtualised lists (listeners, endpoints, previous secrets):
 * a plain semantic <table> with the house styles.
 */
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react'

export function Table({ children, testId, label, className }: { children: ReactNode; testId?: string; label?: string; className?: string }) {
  return (
    <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId} aria-label={label}>
      {children}
    </table>
  )
}

export function Th({ children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" {...rest}>
      {children}
    </th>
  )
}

export function Td({ children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...rest}>{children}</td>
}

export interface DataTableProps<T> {
  testId?: string
  label?: string
  className?: string
  /** The header cells (<Th>…). */
  columns: ReactNode
  rows: readonly T[]
  /** One <tr> (with its key) per row. */
  row: (item: T) => ReactNode
}

/** A whole table from its header cells and one row renderer: the thead/tbody frame written once. */
export function DataTable<T>({ testId, label, className, columns, rows, row }: DataTableProps<T>) {
  return (
    <Table testId={testId} label={label} className={className}>
      <thead>
        <tr>{columns}</tr>
      </thead>
      <tbody>{rows.map((item) => row(item))}</tbody>
    </Table>
  )
}
