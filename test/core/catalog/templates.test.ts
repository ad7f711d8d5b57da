import { describe, expect, it } from 'vitest'
import { createCatalogService, renderTemplate, templateFor, validatePayload } from '../../../src/core/catalog'
import { EVENT_NAMES } from '../../../src/shared/models'

type Payload = { event: string; timestamp: string; tenantId: string; data: Record<string, unknown> }

const NOW = new Date('2025-03-04T05:06:07.890Z')

describe('catalog: templates', () => {
  it.each(EVENT_NAMES)('%s validates against its own schema', (event) => {
    const verdict = validatePayload(renderTemplate(event))
    expect(verdict).toEqual({ status: 'valid', event, errors: [] })
  })

  it.each(EVENT_NAMES)('%s has the envelope in the docs order, the given time and prefixed ids', (event) => {
    const t = templateFor(event, NOW) as Payload
    expect(Object.keys(t)).toEqual(['event', 'timestamp', 'data', 'tenantId'])
    expect(t.event).toBe(event)
    expect(t.timestamp).toBe('2025-03-04T05:06:07Z')
    expect(t.tenantId).toMatch(/^tenant_[0-9a-z]{10}$/)
    const prefixes: Record<string, RegExp> = { submissionId: /^sub_/, invitationId: /^inv_/, workflowId: /^wf_/ }
    for (const [field, prefix] of Object.entries(prefixes)) {
      if (field in t.data) expect(t.data[field]).toMatch(prefix)
    }
  })

  it('gives each payload a status that fits the event', () => {
    const expected: Record<string, string> = {
      'submission.created': 'created',
      'submission.completed': 'completed',
      'submission.approved': 'approved',
      'submission.rejected': 'rejected',
      'invitation.sent': 'sent',
      'invitation.expired': 'expired',
      'invitation.cancelled': 'cancelled',
      'aml.screening.completed': 'completed',
      'aml.match.dismissed': 'dismissed'
    }
    for (const [event, status] of Object.entries(expected)) {
      expect((templateFor(event as (typeof EVENT_NAMES)[number]) as Payload).data.status, event).toBe(status)
    }
  })

  it('uses fresh ids on every call, consistent within one payload', () => {
    const a = templateFor('submission.completed') as Payload
    const b = templateFor('submission.completed') as Payload
    expect(a.data.submissionId).not.toBe(b.data.submissionId)
    expect(a.tenantId).not.toBe(b.tenantId)
    const responses = a.data.responses as Record<string, string>
    expect(responses.email).toBe(a.data.customerEmail)
    expect(Date.parse(a.data.submittedAt as string)).toBeLessThanOrEqual(Date.parse(a.timestamp))
  })

  it('names the matched person in an AML hit with a score between 0 and 1', () => {
    const t = templateFor('aml.match.found') as Payload
    expect(typeof t.data.matchedName).toBe('string')
    expect(t.data.matchScore).toBeGreaterThan(0)
    expect(t.data.matchScore).toBeLessThanOrEqual(1)
  })

  it('renders as JSON with 2-space indentation', () => {
    const text = renderTemplate('invitation.sent', NOW)
    const parsed = JSON.parse(text) as Payload
    expect(text).toBe(JSON.stringify(parsed, null, 2))
    expect(parsed.timestamp).toBe('2025-03-04T05:06:07Z')
  })

  it('refuses a name that is not an event, with a message naming it', () => {
    expect(() => templateFor('aml.match.lost' as never)).toThrow(/"aml.match.lost" is not a Smart KYC event/)
  })
})

describe('catalog: service', () => {
  it('answers the contract methods', async () => {
    const catalog = createCatalogService()
    expect((await catalog.list({})).length).toBe(11)
    const { body } = await catalog.template({ event: 'submission.rejected' })
    expect((JSON.parse(body) as Payload).event).toBe('submission.rejected')
    const { schema } = await catalog.schema({ event: 'submission.rejected' })
    expect(schema.$id).toContain('submission.rejected')
    expect((await catalog.validate({ body })).status).toBe('valid')
    expect((await catalog.validate({ body: '{' })).status).toBe('not-json')
  })
})
