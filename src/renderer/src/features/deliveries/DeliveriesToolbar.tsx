/**
 * The delivery log's filters: status, event, endpoint, and free-text search (server-side,
 * debounced in the store). `/` focuses the search box.
 */
import { useShallow } from 'zustand/react/shallow'
import { EVENT_NAMES, type DeliveryStatus } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'

export default function DeliveriesToolbar() {
  const filters = useWorkbench((s) => s.deliveries.filters)
  const setFilters = useWorkbench((s) => s.deliveries.setFilters)
  const resetFilters = useWorkbench((s) => s.deliveries.resetFilters)
  // The items array itself: a mapped array of new objects would never compare equal and loop.
  const endpoints = useWorkbench((s) => s.endpoints.items)
  const { shown, total, loading } = useWorkbench(
    useShallow((s) => ({ shown: s.deliveries.items.length, total: s.deliveries.total, loading: s.deliveries.loading }))
  )
  const anyFilter = Object.values(filters).some((v) => v !== '')

  return (
    <div className="dl-toolbar" role="search" aria-label="Filter deliveries">
      <h1>Deliveries</h1>
      <input
        type="search"
        className="dl-search"
        placeholder="Search endpoint, URL, response, ids…  ( / )"
        aria-label="Search deliveries"
        data-search-input
        data-testid="deliveries-search"
        value={filters.q}
        onChange={(e) => setFilters({ q: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur()
        }}
      />
      <label className="dl-filter">
        <span>Status</span>
        <select value={filters.status} data-testid="filter-delivery-status" onChange={(e) => setFilters({ status: e.target.value as '' | DeliveryStatus })}>
          <option value="">Any</option>
          <option value="success">Success</option>
          <option value="error">Error</option>
          <option value="pending">Pending</option>
        </select>
      </label>
      <label className="dl-filter">
        <span>Event</span>
        <select value={filters.event} data-testid="filter-delivery-event" onChange={(e) => setFilters({ event: e.target.value })}>
          <option value="">Any</option>
          {EVENT_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="dl-filter">
        <span>Endpoint</span>
        <select value={filters.endpointId} data-testid="filter-delivery-endpoint" onChange={(e) => setFilters({ endpointId: e.target.value })}>
          <option value="">Any</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      {anyFilter ? (
        <Button size="sm" variant="ghost" onClick={resetFilters}>
          Clear filters
        </Button>
      ) : null}
      <span className="dl-count" aria-live="polite" data-testid="deliveries-count">
        {loading ? 'Loading…' : `${shown < total ? `${shown} of ` : ''}${total} deliver${total === 1 ? 'y' : 'ies'}`}
      </span>
    </div>
  )
}
