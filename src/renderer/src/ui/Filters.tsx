/**
 * Pieces of a list toolbar: the search box (`/` focuses it, Esc goes to the list) and labelled
 * filter selects with an "Any" choice. Used by the inbox and the delivery log.
 */
import { EVENT_NAMES } from '../../../shared/event-names'

export interface SearchBoxProps {
  value: string
  onChange: (q: string) => void
  placeholder: string
  label: string
  className: string
  testId: string
}

/** The list's free-text search; `data-search-input` is what the `/` shortcut focuses. */
export function SearchBox({ value, onChange, placeholder, label, className, testId }: SearchBoxProps) {
  return (
    <input
      type="search"
      className={className}
      placeholder={placeholder}
      aria-label={label}
      data-search-input
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        // Leave the search for the list, so j/k and Enter work at once; blur if there is none.
        const list = document.querySelector<HTMLElement>('[role="listbox"]')
        if (list) list.focus()
        else (e.target as HTMLInputElement).blur()
      }}
    />
  )
}

export interface FilterOption {
  value: string
  label: string
}

export interface FilterSelectProps<V extends string> {
  label: string
  value: V | ''
  onChange: (value: V | '') => void
  options: readonly FilterOption[]
  testId: string
}

/** A labelled select whose first choice, "Any", is the empty value (no filter). */
export function FilterSelect<V extends string>({ label, value, onChange, options, testId }: FilterSelectProps<V>) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V | '')} data-testid={testId}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Every catalogued event name, as filter options. */
export const EVENT_OPTIONS: readonly FilterOption[] = EVENT_NAMES.map((name) => ({ value: name, label: name }))
