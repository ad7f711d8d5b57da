import './hex-view.css'
/**
 * A small segmented control (e.g. Text | Hex): one pressed button per option. For two or
 * three views of the same thing where tabs would be too heavy.
 */
export interface ViewOption<T extends string> {
  id: T
  label: string
}

export default function ViewToggle<T extends string>({
  options,
  value,
  onChange,
  label,
  testId
}: {
  options: readonly ViewOption<T>[]
  value: T
  onChange: (id: T) => void
  label: string
  testId: string
}) {
  return (
    <span className="view-toggle" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          className={o.id === value ? 'view-toggle-btn view-toggle-on' : 'view-toggle-btn'}
          aria-pressed={o.id === value}
          onClick={() => onChange(o.id)}
          data-testid={`${testId}-${o.id}`}
        >
          {o.label}
        </button>
      ))}
    </span>
  )
}
