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
