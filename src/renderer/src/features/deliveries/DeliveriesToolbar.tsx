/**
 * The delivery log's filters: status, event, endpoint, and free-text search (server-side,
 * debounced in the store). `/` focuses the search box.
 */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { DeliveryStatus } from '../../../../shared/models'
import { useWorkbench } from '../../store'
import Button from '../../ui/Button'
import { countText } from '../../ui/count-text'
import { EVENT_OPTIONS, FilterSelect, SearchBox } from '../../ui/Filters'
import DeliveriesExportDialog from './DeliveriesExportDialog'

const STATUS_OPTIONS = [
  { value: 'success', label: 'Success' },
  { value: 'error', label: 'Error' },
  { value: 'pending', label: 'Pending' },
  { value: 'paused', label: 'Paused' },
  { value: 'cancelled', label: 'Cancelled' }
]

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
  const [exportOpen, setExportOpen] = useState(false)

  return (
    <div className="dl-toolbar" role="search" aria-label="Filter deliveries">
      <h1>Deliveries</h1>
      <SearchBox
        className="dl-search"
        placeholder="Search endpoint, URL, response, ids…  ( / )"
        label="Search deliveries"
        testId="deliveries-search"
        value={filters.q}
        onChange={(q) => setFilters({ q })}
      />
      <FilterSelect<DeliveryStatus>
        label="Status"
        value={filters.status}
        options={STATUS_OPTIONS}
        testId="filter-delivery-status"
        onChange={(status) => setFilters({ status })}
      />
      <FilterSelect label="Event" value={filters.event} options={EVENT_OPTIONS} testId="filter-delivery-event" onChange={(event) => setFilters({ event })} />
      <FilterSelect
        label="Endpoint"
        value={filters.endpointId}
        options={endpoints.map((e) => ({ value: e.id, label: e.name }))}
        testId="filter-delivery-endpoint"
        onChange={(endpointId) => setFilters({ endpointId })}
      />
      {anyFilter ? (
        <Button size="sm" variant="ghost" onClick={resetFilters}>
          Clear filters
        </Button>
      ) : null}
      <span className="list-count" aria-live="polite" data-testid="deliveries-count">
        {countText(loading, shown, total, 'delivery', 'deliveries')}
      </span>
      <Button size="sm" onClick={() => setExportOpen(true)} disabled={total === 0} testId="deliveries-export-button">
        Export…
      </Button>
      <DeliveriesExportDialog open={exportOpen} onClose={() => setExportOpen(false)} />
    </div>
  )
}
