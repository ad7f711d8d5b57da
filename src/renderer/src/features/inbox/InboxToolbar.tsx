/**
 * The inbox filters: listener, event, signature and schema verdicts, response status,
 * and the free-text search (server-side, debounced in the store).
 */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ExportDialog from './ExportDialog'
import ConfirmDialog from '../../ui/ConfirmDialog'
import { countText } from '../../ui/count-text'
import { EVENT_OPTIONS, FilterSelect, SearchBox } from '../../ui/Filters'

const SIGNATURE_OPTIONS = [
  { value: 'valid', label: 'Valid' },
  { value: 'invalid', label: 'Invalid' },
  { value: 'missing', label: 'Missing' }
]
const SCHEMA_OPTIONS = [
  { value: 'valid', label: 'Valid' },
  { value: 'invalid', label: 'Errors' },
  { value: 'not-json', label: 'Not JSON' },
  { value: 'unknown-event', label: 'Unknown event' }
]

export default function InboxToolbar() {
  const filters = useWorkbench((s) => s.inbox.filters)
  const setFilters = useWorkbench((s) => s.inbox.setFilters)
  const resetFilters = useWorkbench((s) => s.inbox.resetFilters)
  // The items array itself: useShallow over a mapped array of new objects never settles (React #185).
  const listeners = useWorkbench((s) => s.listeners.items)
  const { shown, total, capped, loading, checked, pending } = useWorkbench(
    useShallow((s) => ({
      shown: s.inbox.items.length,
      total: s.inbox.total,
      capped: s.inbox.totalCapped,
      loading: s.inbox.loading,
      checked: s.inbox.checked,
      pending: s.inbox.pendingMatches
    }))
  )
  const [exportOpen, setExportOpen] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [confirmClear, setConfirmClear] = useState(false)
  const clearScope = listeners.find((l) => l.id === filters.listenerId) ?? null
  const anyFilter = Object.values(filters).some((v) => v !== '')

  return (
    <div className="inbox-toolbar" role="search" aria-label="Filter captures">
      <div className="inbox-toolbar-row">
        <h1 className="inbox-title">Inbox</h1>
        <SearchBox
          className="inbox-search"
          placeholder="Search path, event, ids, body…  ( / )"
          label="Search captures"
          testId="inbox-search"
          value={filters.q}
          onChange={(q) => setFilters({ q })}
        />
        <span className="list-count" aria-live="polite" data-testid="inbox-count">
          {countText(loading, shown, total, 'capture', 'captures', capped)}
        </span>
        <div className="btn-group">
          {checked.length > 0 ? (
            <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)} testId="delete-selected-button">
              Delete {checked.length}
            </Button>
          ) : null}
          <Button size="sm" onClick={() => setExportOpen(true)} testId="export-button">
            Export…
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirmClear(true)} disabled={total === 0} testId="clear-button">
            Clear…
          </Button>
        </div>
      </div>
      <div className="inbox-toolbar-row inbox-filters">
        <FilterSelect
          label="Listener"
          value={filters.listenerId}
          options={listeners.map((l) => ({ value: l.id, label: l.name }))}
          testId="filter-listener"
          onChange={(listenerId) => setFilters({ listenerId })}
        />
        <FilterSelect label="Event" value={filters.event} options={EVENT_OPTIONS} testId="filter-event" onChange={(event) => setFilters({ event })} />
        <FilterSelect<Exclude<typeof filters.signature, ''>>
          label="Signature"
          value={filters.signature}
          options={SIGNATURE_OPTIONS}
          testId="filter-signature"
          onChange={(signature) => setFilters({ signature })}
        />
        <FilterSelect<Exclude<typeof filters.schema, ''>>
          label="Schema"
          value={filters.schema}
          options={SCHEMA_OPTIONS}
          testId="filter-schema"
          onChange={(schema) => setFilters({ schema })}
        />
        <label className="filter">
          <span>Response</span>
          <input
            type="text"
            inputMode="numeric"
            className="filter-status"
            placeholder="e.g. 500"
            maxLength={3}
            value={filters.responseStatus}
            onChange={(e) => setFilters({ responseStatus: e.target.value.replace(/\D/g, '') })}
            data-testid="filter-status"
          />
        </label>
        {anyFilter ? (
          <Button size="sm" variant="ghost" onClick={resetFilters}>
            Clear filters
          </Button>
        ) : null}
        {pending > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => void useWorkbench.getState().inbox.load()} testId="pending-matches">
            {pending} new capture{pending === 1 ? '' : 's'}: refresh search
          </Button>
        ) : null}
      </div>
      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${checked.length} capture${checked.length === 1 ? '' : 's'}?`}
        confirmLabel="Delete"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false)
          void useWorkbench.getState().inbox.remove(checked)
        }}
      >
        <p>The captured requests are removed from the Workbench database. This cannot be undone.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmClear}
        title={clearScope ? `Delete every capture of ${clearScope.name}?` : 'Delete every capture?'}
        confirmLabel="Delete all"
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false)
          void useWorkbench.getState().inbox.clearAll(clearScope?.id)
        }}
      >
        <p>
          {clearScope
            ? `All captures received by ${clearScope.name} are removed from the Workbench database, not only the ones shown.`
            : 'All captures of every listener are removed from the Workbench database, not only the ones shown.'}{' '}
          This cannot be undone; export them first if you need them.
        </p>
      </ConfirmDialog>
    </div>
  )
}
