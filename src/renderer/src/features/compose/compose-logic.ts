/**
 * Pure rules of the composer: grouping the event catalog, which endpoints start ticked,
 * and reading a send result. No React, no store, so they are unit-tested in Node.
 */
import type { EventInfo } from '../../../../shared/contract'
import type { Endpoint } from '../../../../shared/models'
import type { z } from 'zod'
import { messageOf } from '../../../../shared/errors'

export type EventInfoT = z.infer<typeof EventInfo>

export const GROUP_LABELS: Record<EventInfoT['group'], string> = {
  submission: 'Submission',
  invitation: 'Invitation',
  aml: 'AML'
}

/** The catalog in the docs' order, grouped Submission / Invitation / AML. */
export function groupEvents(events: EventInfoT[]): { group: EventInfoT['group']; label: string; events: EventInfoT[] }[] {
  const order: EventInfoT['group'][] = ['submission', 'invitation', 'aml']
  return order
    .map((group) => ({ group, label: GROUP_LABELS[group], events: events.filter((e) => e.group === group) }))
    .filter((g) => g.events.length > 0)
}

/**
 * The endpoints ticked when the composer opens: only `preselect` when the user came from an
 * endpoint's "Test webhook" (even an inactive one: the user asked for it), else every active one.
 */
export function initialSelection(endpoints: Endpoint[], preselect: string | null): string[] {
  if (preselect) return endpoints.some((e) => e.id === preselect) ? [preselect] : []
  return endpoints.filter((e) => e.active).map((e) => e.id)
}

/** Whether a text parses as JSON; the parse error message otherwise. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (err) {
    return messageOf(err)
  }
}

/** The `event` field of a body, if it is JSON with a string `event`. */
export function eventOfBody(text: string): string | null {
  try {
    const v: unknown = JSON.parse(text)
    if (v && typeof v === 'object' && 'event' in v && typeof (v as { event: unknown }).event === 'string') {
      return (v as { event: string }).event
    }
  } catch {
    // not JSON: no event
  }
  return null
}
