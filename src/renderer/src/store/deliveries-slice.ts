/**
 * The delivery log (the docs' "Webhook Logs"): every delivery with its status, filtered on
 * the server, kept current by `delivery.updated`; one delivery open with all its attempts.
 */
import type { Attempt, Delivery, DeliveryDetail } from '../../../shared/models'
import { call } from '../api/client'
import { copyText } from '../app/clipboard'
import {
  EMPTY_DELIVERY_FILTERS,
  mergeDeliveries,
  toDeliveryFilter,
  type DeliveryFilters
} from '../features/deliveries/delivery-logic'
import { errorCode, errorMessage } from './errors'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'
import type { SendResult } from './compose-slice'

const SEARCH_DEBOUNCE_MS = 250

export interface DeliveriesSlice {
  deliveries: {
    items: Delivery[]
    total: number
    filters: DeliveryFilters
    loading: boolean
    loaded: boolean
    detail: DeliveryDetail | null
    detailLoading: boolean
    detailError: string | null
    acting: 'retry' | 'resend' | null
    /** The outcome of the last Resend, shown in the detail pane. */
    lastResend: SendResult | null
    load(): Promise<void>
    setFilters(patch: Partial<DeliveryFilters>): void
    resetFilters(): void
    /** Opens the route's delivery (null closes it); the route is the one record of which is open. */
    select(id: string | null): Promise<void>
    retryNow(id: string): Promise<void>
    resend(id: string): Promise<void>
    /** Copies a curl command that sends this delivery's request again, byte for byte. */
    /** Copies a curl command; secret header values are masked unless `includeSecrets`. */
    copyCurl(id: string, includeSecrets?: boolean): Promise<void>
    applyLive(updates: Delivery[], attempts: Attempt[]): void
  }
}

export const createDeliveriesSlice: SliceCreator<DeliveriesSlice> = (set, get) => {
  const patch = nestedSetter(set, 'deliveries')
  const list = serverResource()
  const detailRead = serverResource()
  // The id last passed to select(), i.e. the route's: kept here only to drop answers and
  // live updates for a delivery that is no longer open, not as state a screen reads.
  let openId: string | null = null
  let searchTimer: ReturnType<typeof setTimeout> | null = null

  async function fetchDetail(id: string, quiet: boolean): Promise<void> {
    if (!quiet) patch({ detailLoading: true, detailError: null })
    await detailRead.load(() => call('deliveries.get', { id }), {
      data: (detail) => {
        if (openId === id) patch({ detail, detailError: null })
      },
      error: (err) => {
        if (errorCode(err) === 'unauthorized') get().app.reportError(err)
        patch({ detail: null, detailError: errorMessage(err) })
      },
      settled: () => patch({ detailLoading: false })
    })
  }

  return {
    deliveries: {
      items: [],
      total: 0,
      filters: EMPTY_DELIVERY_FILTERS,
      loading: false,
      loaded: false,
      detail: null,
      detailLoading: false,
      detailError: null,
      acting: null,
      lastResend: null,

      async load() {
        patch({ loading: true })
        await list.load(() => call('deliveries.list', toDeliveryFilter(get().deliveries.filters)), {
          data: (page) => patch({ items: page.items, total: page.total, loaded: true }),
          error: (err) => get().app.reportError(err, 'Loading deliveries'),
          settled: () => patch({ loading: false })
        })
      },

      setFilters(next) {
        patch((s) => ({ filters: { ...s.filters, ...next } }))
        if (searchTimer) clearTimeout(searchTimer)
        const onlyText = Object.keys(next).length === 1 && 'q' in next
        if (onlyText) searchTimer = setTimeout(() => void get().deliveries.load(), SEARCH_DEBOUNCE_MS)
        else void get().deliveries.load()
      },

      resetFilters() {
        get().deliveries.setFilters({ ...EMPTY_DELIVERY_FILTERS })
      },

      async select(id) {
        if (id === openId && get().deliveries.detail?.id === id) return
        openId = id
        patch({ lastResend: null, detail: id && get().deliveries.detail?.id === id ? get().deliveries.detail : null })
        if (id === null) {
          detailRead.cancel()
          patch({ detailLoading: false, detailError: null })
          return
        }
        await fetchDetail(id, false)
      },

      async retryNow(id) {
        patch({ acting: 'retry' })
        try {
          const delivery = await call('deliveries.retryNow', { id })
          get().deliveries.applyLive([delivery], [])
          get().app.toast('info', `Retrying delivery to ${delivery.endpointName}`)
        } catch (err) {
          get().app.reportError(err, 'Retrying the delivery')
        } finally {
          patch({ acting: null })
        }
      },

      async resend(id) {
        patch({ acting: 'resend', lastResend: null })
        try {
          const result = await call('deliveries.resend', { id })
          patch({ lastResend: result })
          get().deliveries.applyLive(result.deliveries, [])
        } catch (err) {
          get().app.reportError(err, 'Resending the message')
        } finally {
          patch({ acting: null })
        }
      },

      async copyCurl(id, includeSecrets = false) {
        try {
          const { command } = await call('deliveries.curl', { id, includeSecrets })
          await copyText(command)
          get().app.toast('success', includeSecrets ? 'Copied the curl command, with secret header values in clear' : 'Copied the curl command (secret header values masked)')
        } catch (err) {
          get().app.reportError(err, 'Copying as curl')
        }
      },

      applyLive(updates, attempts) {
        const s = get().deliveries
        if (s.loaded && updates.length > 0) {
          const merged = mergeDeliveries(s.items, updates, s.filters)
          if (merged.items !== s.items) patch({ items: merged.items, total: Math.max(0, s.total + merged.added - merged.removed) })
        }
        const lastResend = s.lastResend
        if (lastResend && updates.some((u) => lastResend.deliveries.some((d) => d.id === u.id))) {
          const byId = new Map(updates.map((u) => [u.id, u]))
          patch({ lastResend: { ...lastResend, deliveries: lastResend.deliveries.map((d) => byId.get(d.id) ?? d) } })
        }
        const open = openId
        if (!open) return
        const touched = updates.some((u) => u.id === open) || attempts.some((a) => a.deliveryId === open)
        // The event carries the summary, not the attempts: fetch the detail again.
        if (touched) void fetchDetail(open, true)
      }
    }
  }
}
