/**
 * Compose & send: pick an event, edit its body (starting from the catalog's template),
 * see the live X-SmartKYC-Signature of the exact bytes, choose targets, send, and watch
 * each delivery's outcome update live. Edits are kept per event while the app runs, so
 * switching events does not lose work.
 */
import type { MethodOutput } from '../../../shared/contract'
import type { Attempt, Delivery, EventName, SchemaVerdict } from '../../../shared/models'
import { call } from '../api/client'
import { initialSelection, type EventInfoT } from '../features/compose/compose-logic'
import { errorMessage } from './errors'
import { eventSchema } from './event-schemas'
import { serverResource } from './server-resource'
import { nestedSetter, type SliceCreator } from './slice-helpers'

export type SendResult = MethodOutput<'send.event'>

export type SignatureState =
  | { status: 'idle' }
  | { status: 'computing' }
  | { status: 'ready'; signature: string }
  | { status: 'no-secret' }
  | { status: 'error'; message: string }

export interface ComposeSlice {
  compose: {
    events: EventInfoT[]
    catalogLoaded: boolean
    event: EventName
    /** The text in the editor for the current event. */
    body: string
    templates: Partial<Record<EventName, string>>
    drafts: Partial<Record<EventName, string>>
    schemas: Partial<Record<EventName, Record<string, unknown>>>
    templateLoading: boolean
    signature: SignatureState
    validation: SchemaVerdict | null
    targetMode: 'endpoints' | 'url'
    selected: string[]
    /** The endpoint a "Test webhook" click came from (#/compose?endpoint=<id>), if any. */
    preselect: string | null
    selectionReady: boolean
    adHocUrl: string
    adHocInsecureTls: boolean
    sending: boolean
    result: SendResult | null
    /** The latest attempt of each delivery in `result` (duration, error), by delivery id. */
    resultAttempts: Record<string, Attempt>
    sendError: string | null
    /** Loads the catalog, endpoints and the current template; applies the route's preselection. */
    open(preselect: string | null): Promise<void>
    selectEvent(event: EventName): Promise<void>
    setBody(body: string): void
    resetToTemplate(): void
    toggleEndpoint(id: string): void
    setSelected(ids: string[]): void
    setTargetMode(mode: 'endpoints' | 'url'): void
    setAdHoc(patch: { url?: string; insecureTls?: boolean }): void
    send(): Promise<void>
    dismissResult(): void
    applyDeliveries(updates: Delivery[]): void
  }
}

const DEFAULT_EVENT: EventName = 'submission.completed'
/** Sign and validate once the user pauses typing, not on every key. */
const SIGN_DEBOUNCE_MS = 150
const VALIDATE_DEBOUNCE_MS = 350

export const createComposeSlice: SliceCreator<ComposeSlice> = (set, get) => {
  const patch = nestedSetter(set, 'compose')
  // Answers for an older body are dropped: the preview must match the text on screen.
  const signing = serverResource()
  const validating = serverResource()
  const eventRead = serverResource()

  function scheduleChecks(): void {
    patch({ signature: { status: 'computing' } })
    void signing.load(
      () => call('signing.signWithStored', { body: get().compose.body }),
      {
        data: ({ signature }) => patch({ signature: signature ? { status: 'ready', signature } : { status: 'no-secret' } }),
        error: (err) => patch({ signature: { status: 'error', message: errorMessage(err) } })
      },
      { afterMs: SIGN_DEBOUNCE_MS }
    )
    void validating.load(
      () => call('catalog.validate', { body: get().compose.body }),
      {
        data: (validation) => patch({ validation }),
        // Monaco's squiggles still show schema problems; the summary is a convenience.
        error: () => patch({ validation: null })
      },
      { afterMs: VALIDATE_DEBOUNCE_MS }
    )
  }

  /** The delivery summary has no timing: read each delivery's latest attempt for its duration. */
  async function loadAttempts(ids: string[]): Promise<void> {
    const details = await Promise.all(ids.map((id) => call('deliveries.get', { id }).catch(() => null)))
    const found: Record<string, Attempt> = {}
    for (const d of details) {
      const last = d?.attempts[d.attempts.length - 1]
      if (d && last) found[d.id] = last
    }
    if (Object.keys(found).length > 0) patch((c) => ({ resultAttempts: { ...c.resultAttempts, ...found } }))
  }

  async function ensureEventLoaded(event: EventName): Promise<void> {
    const s = get().compose
    const needTemplate = s.templates[event] === undefined
    const needSchema = s.schemas[event] === undefined
    if (!needTemplate && !needSchema) return
    const [template, schema] = await Promise.all([needTemplate ? call('catalog.template', { event }) : null, needSchema ? eventSchema(event) : null])
    patch((c) => ({
      templates: template ? { ...c.templates, [event]: template.body } : c.templates,
      schemas: schema ? { ...c.schemas, [event]: schema } : c.schemas
    }))
  }

  return {
    compose: {
      events: [],
      catalogLoaded: false,
      event: DEFAULT_EVENT,
      body: '',
      templates: {},
      drafts: {},
      schemas: {},
      templateLoading: false,
      signature: { status: 'idle' },
      validation: null,
      targetMode: 'endpoints',
      selected: [],
      preselect: null,
      selectionReady: false,
      adHocUrl: '',
      adHocInsecureTls: false,
      sending: false,
      result: null,
      resultAttempts: {},
      sendError: null,

      async open(preselect) {
        const s = get().compose
        const firstOpen = !s.catalogLoaded
        // A mode the user picks while this still waits for the engine is theirs to keep.
        const modeAtStart = s.targetMode
        try {
          if (firstOpen) {
            const events = await call('catalog.list', {})
            patch({ events, catalogLoaded: true })
          }
          if (!get().endpoints.loaded) await get().endpoints.load()
          // Re-derive the ticks only when the entry point changed (a new "Test webhook"
          // click, or the first visit): coming back to the tab keeps the user's choice.
          if (!get().compose.selectionReady || preselect !== get().compose.preselect) {
            patch({
              preselect,
              selected: initialSelection(get().endpoints.items, preselect),
              selectionReady: true,
              targetMode: get().compose.targetMode !== modeAtStart ? get().compose.targetMode : 'endpoints'
            })
          }
          if (firstOpen || get().compose.body === '') await get().compose.selectEvent(get().compose.event)
        } catch (err) {
          get().app.reportError(err, 'Opening the composer')
        }
      },

      async selectEvent(event) {
        const current = get().compose
        // Keep the edits of the event being left.
        const drafts = current.body && current.templates[current.event] !== undefined ? { ...current.drafts, [current.event]: current.body } : current.drafts
        patch({ event, drafts, templateLoading: true })
        await eventRead.load(() => ensureEventLoaded(event), {
          data: () => {
            const s = get().compose
            patch({ body: s.drafts[event] ?? s.templates[event] ?? '', validation: null })
            scheduleChecks()
          },
          error: (err) => get().app.reportError(err, `Loading the ${event} template`),
          settled: () => patch({ templateLoading: false })
        })
      },

      setBody(body) {
        if (body === get().compose.body) return
        patch((s) => ({ body, drafts: { ...s.drafts, [s.event]: body } }))
        scheduleChecks()
      },

      resetToTemplate() {
        const s = get().compose
        const template = s.templates[s.event]
        if (template === undefined) return
        const drafts = { ...s.drafts }
        delete drafts[s.event]
        patch({ body: template, drafts })
        scheduleChecks()
      },

      toggleEndpoint(id) {
        patch((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }))
      },

      setSelected(ids) {
        patch({ selected: ids })
      },

      setTargetMode(targetMode) {
        patch({ targetMode })
      },

      setAdHoc(p) {
        patch((s) => ({ adHocUrl: p.url ?? s.adHocUrl, adHocInsecureTls: p.insecureTls ?? s.adHocInsecureTls }))
      },

      async send() {
        const s = get().compose
        if (s.sending) return
        const base = { event: s.event, body: s.body, origin: s.preselect ? ('test' as const) : ('compose' as const) }
        let input
        if (s.targetMode === 'url') {
          const url = s.adHocUrl.trim()
          if (!url) {
            patch({ sendError: 'Enter a URL to send to, e.g. https://localhost:8443/webhooks', result: null })
            return
          }
          input = { ...base, to: [{ url, insecureTls: s.adHocInsecureTls, allowLocalHttp: true }] }
        } else {
          // Only endpoints that still exist; an empty list would mean "all active" to the engine.
          const known = new Set(get().endpoints.items.map((e) => e.id))
          const endpointIds = s.selected.filter((id) => known.has(id))
          if (endpointIds.length === 0) {
            patch({ sendError: 'Tick at least one endpoint, or send to a URL instead', result: null })
            return
          }
          input = { ...base, endpointIds }
        }
        patch({ sending: true, sendError: null, result: null, resultAttempts: {} })
        try {
          const result = await call('send.event', input)
          patch({ result })
          void loadAttempts(result.deliveries.map((d) => d.id))
        } catch (err) {
          patch({ sendError: errorMessage(err) })
        } finally {
          patch({ sending: false })
        }
      },

      dismissResult() {
        patch({ result: null, resultAttempts: {}, sendError: null })
      },

      applyDeliveries(updates) {
        const result = get().compose.result
        if (!result || updates.length === 0) return
        const byId = new Map(updates.map((d) => [d.id, d]))
        if (!result.deliveries.some((d) => byId.has(d.id))) return
        patch({ result: { ...result, deliveries: result.deliveries.map((d) => byId.get(d.id) ?? d) } })
        void loadAttempts(result.deliveries.filter((d) => byId.has(d.id)).map((d) => d.id))
      }
    }
  }
}
