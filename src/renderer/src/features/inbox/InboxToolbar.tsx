/**
 * The inbox filters: listener, event, signature and schema verdicts, response status,
 * and the free-text search (server-side, debounced in the store).
 */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { EVENT_NAMES } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import ExportDialog from './ExportDialog'
import ConfirmDialog from '../../ui/ConfirmDialog'

export default function InboxToolbar() {
  const filters = useWorkbench((s) => s.inbox.filters)
  const setFilters = useWorkbench((s) => s.inbox.setFilters)
  const resetFilters = useWorkbench((s) => s.inbox.resetFilters)
  // The items array itself: useShallow over a mapped array of new objects never settles (React #185).
  const listeners = useWorkbench((s) => s.listeners.items)
  const { shown, total, loading, checked, pending } = useWorkbench(
    useShallow((s) => ({
      shown: s.inbox.items.length,
      total: s.inbox.total,
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
        <input
          type="search"
          className="inbox-search"
          placeholder="Search path, event, ids, body…  ( / )"
          aria-label="Search captures"
          data-search-input
          data-testid="inbox-search"
          value={filters.q}
          onChange={(e) => setFilters({ q: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur()
          }}
        />
        <span className="inbox-count" aria-live="polite" data-testid="inbox-count">
          {loading ? 'Loading…' : `${shown < total ? `${shown} of ` : ''}${total} capture${total === 1 ? '' : 's'}`}
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
        <label className="filter">
          <span>Listener</span>
          <select value={filters.listenerId} onChange={(e) => setFilters({ listenerId: e.target.value })} data-testid="filter-listener">
            <option value="">Any</option>
            {listeners.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Event</span>
          <select value={filters.event} onChange={(e) => setFilters({ event: e.target.value })} data-testid="filter-event">
            <option value="">Any</option>
            {EVENT_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Signature</span>
          <select
            value={filters.signature}
            onChange={(e) => setFilters({ signature: e.target.value as typeof filters.signature })}
            data-testid="filter-signature"
          >
            <option value="">Any</option>
            <option value="valid">Valid</option>
            <option value="invalid">Invalid</option>
            <option value="missing">Missing</option>
          </select>
        </label>
        <label className="filter">
          <span>Schema</span>
          <select value={filters.schema} onChange={(e) => setFilters({ schema: e.target.value as typeof filters.schema })} data-testid="filter-schema">
            <option value="">Any</option>
            <option value="valid">Valid</option>
            <option value="invalid">Errors</option>
            <option value="not-json">Not JSON</option>
            <option value="unknown-event">Unknown event</option>
          </select>
        </label>
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
