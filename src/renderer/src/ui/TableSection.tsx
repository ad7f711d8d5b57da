/**
 * A titled section holding one list as a table, with its count beside the title and a
 * sentence instead of the table while the list is empty (the Platform screen's lists).
 */
import type { ReactNode } from 'react'
import { DataTable, type DataTableProps } from './Table'

export interface TableSectionProps<T> extends Pick<DataTableProps<T>, 'columns' | 'rows' | 'row' | 'testId'> {
  /** Makes the heading's id (`${id}-title`), which labels the section. */
  id: string
  /** The heading, and the table's accessible name. */
  title: string
  /** What the section says while there are no rows. */
  empty: ReactNode
  /** Shown between the title and the table (e.g. a form that adds a row). */
  before?: ReactNode
  /** The class of the scrolling box around the table. */
  wrapClassName: string
}

export default function TableSection<T>({ id, title, empty, before, wrapClassName, ...table }: TableSectionProps<T>) {
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <div className="section-title">
        <h2 id={`${id}-title`}>{title}</h2>
        <span className="faint">{table.rows.length}</span>
      </div>
      {before}
      {table.rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className={wrapClassName}>
          <DataTable label={title} {...table} />
        </div>
      )}
    </section>
  )
}
