/**
 * The inbox: captured requests, newest first, filtered on the server, extended live by
 * `capture.received`, with one capture open in the detail pane.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract'
import { EVENT_NAMES } from '../../../shared/event-names'
import type { Capture, CaptureFilter, CaptureSummary, EventName } from '../../../shared/models'
import { call } from '../api/client'
import { copyText } from '../app/clipboard'
import { errorCode, errorMessage } from './errors'
import { eventSchema } from './event-schemas'
import { spansDays } from '../features/inbox/format'
import { EMPTY_FILTERS, mergeLive, removeDeleted, toCaptureFilter, type InboxFilters } from './inbox-logic'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export type ReplayInput = MethodInput<'replay.capture'>
export type ReplayResult = MethodOutput<'replay.capture'>

const LAST_REPLAY_URL_KEY = 'kyc.inbox.lastReplayUrl'
/** Typing in the search box asks the server once the user pauses. */
const SEARCH_DEBOUNCE_MS = 250

export interface InboxSlice {
  inbox: {
    items: CaptureSummary[]
    total: number
    /** The server stopped counting at `total`: there are more matches than that. */
    totalCapped: boolean
    /**
     * The loaded rows fall on more than one local day (rows then show dates). Kept up to
     * date from what each page or live batch adds, so 100,000 rows are not re-read per batch.
     */
    spansDays: boolean
    filters: InboxFilters
    loading: boolean
    loadingMore: boolean
    loaded: boolean
    /** Live captures that may match the active search but were not added (search is server-side). */
    pendingMatches: number
    selectedId: string | null
    detail: Capture | null
    detailLoading: boolean
    detailError: string | null
    /** Ids ticked for export or delete. */
    checked: string[]
    lastReplayUrl: string
    /** JSON Schemas of events, fetched when an edited replay needs one. */
    eventSchemas: Record<string, Record<string, unknown>>
    /**
     * Loads the first page for the filters. `joinPending`: when a load with the same filters
     * is already on its way (the shell starts one while the Inbox's code loads), wait for it
     * instead of sending another.
     */
    load(options?: { joinPending?: boolean }): Promise<void>
    loadMore(): Promise<void>
    setFilters(patch: Partial<InboxFilters>): void
    resetFilters(): void
    select(id: string | null): Promise<void>
    toggleChecked(id: string): void
    setChecked(ids: string[]): void
    applyLive(received: CaptureSummary[], deleted: { ids: string[]; all: boolean }[]): void
    /** Replaces changed captures in the list and refreshes the open one if it changed. */
    applyUpdates(updated: CaptureSummary[]): void
    remove(ids: string[]): Promise<boolean>
    /** Deletes every capture, or one listener's; the list follows from `captures.deleted`. */
    clearAll(listenerId?: string): Promise<void>
    /** Copies a curl command; secret header values are masked unless `includeSecrets`. */
    copyCurl(id: string, includeSecrets?: boolean): Promise<void>
    copyBody(text: string): Promise<void>
    /** Fetches an event's JSON Schema once (for completion and squiggles in an edited replay). */
    loadEventSchema(event: string): Promise<void>
    /** The URL the replay dialog starts with: the last one used, else the first endpoint's. */
    defaultReplayUrl(): Promise<string>
    /** Replays a capture; the outcome is returned for the dialog to show inline (no toast). */
    replay(input: ReplayInput): Promise<{ ok: true; result: ReplayResult } | { ok: false; error: string }>
  }
}

/** The times of `added` plus one row already loaded: enough to tell whether the days now differ. */
function withFirst(loaded: CaptureSummary[], added: CaptureSummary[]): string[] {
  const times = added.map((c) => c.receivedAt)
  if (loaded.length > 0) times.push(loaded[0].receivedAt)
  return times
}

function isEventName(value: string): value is EventName {
  return (EVENT_NAMES as readonly string[]).includes(value)
}

function readLastReplayUrl(): string {
  try {
    return localStorage.getItem(LAST_REPLAY_URL_KEY) ?? ''
  } catch {
    return ''
  }
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set, get) => {
  const patch = nestedSetter(set, 'inbox')
  // Answers to a superseded list request (the filters moved on) are dropped.
  let listGeneration = 0
  let detailGeneration = 0
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  let inflight: { key: string; generation: number; done: Promise<void> } | null = null

  /** Loads the first page for `filter`; answers to a superseded request are dropped. */
  const loadPage = async (generation: number, filter: CaptureFilter): Promise<void> => {
    patch({ loading: true })
    try {
      const page = await call('captures.list', filter)
      if (generation !== listGeneration) return
      patch({
        items: page.items,
        total: page.total,
        totalCapped: page.totalCapped === true,
        spansDays: spansDays(page.items.map((c) => c.receivedAt)),
        loaded: true,
        pendingMatches: 0
      })
    } catch (err) {
      if (generation === listGeneration) get().app.reportError(err, 'Loading captures')
    } finally {
      if (generation === listGeneration) patch({ loading: false })
    }
  }

  return {
    inbox: {
      items: [],
      total: 0,
      totalCapped: false,
      spansDays: false,
      filters: EMPTY_FILTERS,
      loading: false,
      loadingMore: false,
      loaded: false,
      pendingMatches: 0,
      selectedId: null,
      detail: null,
      detailLoading: false,
      detailError: null,
      checked: [],
      lastReplayUrl: readLastReplayUrl(),
      eventSchemas: {},

      load(options) {
        const filter = toCaptureFilter(get().inbox.filters)
        const key = JSON.stringify(filter)
        if (options?.joinPending && inflight && inflight.key === key && inflight.generation === listGeneration) return inflight.done
        const generation = ++listGeneration
        const done = loadPage(generation, filter).finally(() => {
          if (inflight?.done === done) inflight = null
        })
        inflight = { key, generation, done }
        return done
      },

      async loadMore() {
        const { items, total, totalCapped, loading, loadingMore, filters } = get().inbox
        if (loading || loadingMore || items.length === 0 || (items.length >= total && !totalCapped)) return
        const generation = listGeneration
        const beforeSeq = items[items.length - 1].seq
        patch({ loadingMore: true })
        try {
          const page = await call('captures.list', toCaptureFilter(filters, beforeSeq))
          if (generation !== listGeneration) return
          patch((s) => {
            // The page is older than the last row (beforeSeq), so only rows below it are new:
            // no set of every loaded id, which grows with each page (issue 10).
            const last = s.items[s.items.length - 1]
            const older = last ? page.items.filter((c) => c.seq < last.seq) : page.items
            const merged = s.items.concat(older)
            const days = s.spansDays || spansDays(withFirst(s.items, older))
            // Past a capped count, the end of the list is where a page comes back short.
            if (s.totalCapped && page.items.length === 0) return { items: merged, total: merged.length, totalCapped: false, spansDays: days }
            return { items: merged, spansDays: days }
          })
        } catch (err) {
          get().app.reportError(err, 'Loading more captures')
        } finally {
          patch({ loadingMore: false })
        }
      },

      setFilters(next) {
        patch((s) => ({ filters: { ...s.filters, ...next } }))
        if (searchTimer) clearTimeout(searchTimer)
        const onlyText = Object.keys(next).length === 1 && 'q' in next
        if (onlyText) {
          searchTimer = setTimeout(() => void get().inbox.load(), SEARCH_DEBOUNCE_MS)
        } else {
          void get().inbox.load()
        }
      },

      resetFilters() {
        get().inbox.setFilters({ ...EMPTY_FILTERS })
      },

      async select(id) {
        const generation = ++detailGeneration
        if (id === null) {
          patch({ selectedId: null, detail: null, detailError: null, detailLoading: false })
          return
        }
        if (get().inbox.detail?.id === id) {
          patch({ selectedId: id })
          return
        }
        patch({ selectedId: id, detailLoading: true, detailError: null })
        try {
          const detail = await call('captures.get', { id })
          if (generation === detailGeneration) patch({ detail, detailLoading: false })
        } catch (err) {
          if (generation !== detailGeneration) return
          if (errorCode(err) === 'unauthorized') get().app.reportError(err)
          patch({ detail: null, detailLoading: false, detailError: errorMessage(err) })
        }
      },

      toggleChecked(id) {
        patch((s) => ({ checked: s.checked.includes(id) ? s.checked.filter((x) => x !== id) : [...s.checked, id] }))
      },

      setChecked(ids) {
        patch({ checked: ids })
      },

      applyLive(received, deleted) {
        const s = get().inbox
        let items = s.items
        let total = s.total
        let pendingMatches = s.pendingMatches
        let reload = false
        let days = s.spansDays
        if (received.length > 0 && s.loaded) {
          const merged = mergeLive(items, received, s.filters)
          if (!days && merged.added > 0) days = spansDays(withFirst(items, merged.fresh))
          items = merged.items
          total += merged.added
          pendingMatches += merged.unknown
        }
        const all = deleted.some((d) => d.all)
        for (const d of deleted) {
          const before = items.length
          items = removeDeleted(items, d.ids, d.all)
          total = d.all ? 0 : total - (before - items.length)
        }
        // After "everything was deleted", ask the server what exists now: captures may have
        // arrived between the clear and this batch.
        if (all) reload = true
        const gone = new Set(deleted.flatMap((d) => d.ids))
        const selectionGone = s.selectedId !== null && (all || gone.has(s.selectedId))
        // Deleting rows can only narrow the days: read them again then (deletions are rare).
        if (deleted.length > 0 && days) days = spansDays(items.map((c) => c.receivedAt))
        patch({
          items,
          total: Math.max(total, items.length),
          spansDays: days,
          pendingMatches,
          checked: all ? [] : gone.size ? s.checked.filter((id) => !gone.has(id)) : s.checked,
          ...(selectionGone ? { detail: null, detailError: 'This capture was deleted.' } : {})
        })
        if (reload) void get().inbox.load()
      },

      applyUpdates(updated) {
        const byId = new Map(updated.map((c) => [c.id, c]))
        patch((s) => (s.items.some((c) => byId.has(c.id)) ? { items: s.items.map((c) => byId.get(c.id) ?? c) } : {}))
        const open = get().inbox.detail
        if (open && byId.has(open.id)) {
          const generation = ++detailGeneration
          call('captures.get', { id: open.id }).then(
            (detail) => {
              if (generation === detailGeneration) patch({ detail })
            },
            () => {
              // The list row is already updated; a failed refresh leaves the older detail.
            }
          )
        }
      },

      async remove(ids) {
        if (ids.length === 0) return false
        try {
          const { deleted } = await call('captures.delete', { ids })
          get().inbox.applyLive([], [{ ids, all: false }])
          get().app.toast('success', `Deleted ${deleted} capture${deleted === 1 ? '' : 's'}`)
          return true
        } catch (err) {
          get().app.reportError(err, 'Deleting captures')
          return false
        }
      },

      async clearAll(listenerId) {
        try {
          const { deleted } = await call('captures.clear', listenerId ? { listenerId } : {})
          get().app.toast('success', `Deleted ${deleted} capture${deleted === 1 ? '' : 's'}`)
          await get().inbox.load()
        } catch (err) {
          get().app.reportError(err, 'Clearing captures')
        }
      },

      async copyCurl(id, includeSecrets = false) {
        try {
          const { command } = await call('captures.curl', { id, includeSecrets })
          await copyText(command)
          get().app.toast('success', includeSecrets ? 'Copied the curl command, with secret header values in clear' : 'Copied the curl command (secret header values masked)')
        } catch (err) {
          get().app.reportError(err, 'Copying as curl')
        }
      },

      async copyBody(text) {
        try {
          await copyText(text)
          get().app.toast('success', 'Copied the body')
        } catch (err) {
          get().app.reportError(err, 'Copying the body')
        }
      },

      async loadEventSchema(event) {
        if (get().inbox.eventSchemas[event] || !isEventName(event)) return
        try {
          const schema = await eventSchema(event)
          patch((s) => ({ eventSchemas: { ...s.eventSchemas, [event]: schema } }))
        } catch {
          // Only a convenience: the editor still edits without a schema.
        }
      },

      async defaultReplayUrl() {
        const last = get().inbox.lastReplayUrl
        if (last) return last
        try {
          const endpoints = await call('endpoints.list', {})
          return endpoints[0]?.url ?? ''
        } catch {
          return ''
        }
      },

      async replay(input) {
        try {
          try {
            localStorage.setItem(LAST_REPLAY_URL_KEY, input.url)
          } catch {
            // Private windows may refuse storage; remembering the URL is a nicety.
          }
          patch({ lastReplayUrl: input.url })
          return { ok: true, result: await call('replay.capture', input) }
        } catch (err) {
          if (errorCode(err) === 'unauthorized') get().app.reportError(err)
          return { ok: false, error: errorMessage(err) }
        }
      }
    }
  }
}
