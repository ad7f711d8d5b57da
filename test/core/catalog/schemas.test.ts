import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { EVENT_INFO, INFERRED, listEvents, schemaFor } from '../../../src/core/catalog'
import { EVENT_NAMES } from '../../../src/shared/models'
import { EventInfo } from '../../../src/shared/contract'

type Schema = Record<string, unknown>

/** Every property schema in a schema tree, with its JSON path, for the "described" checks. */
function properties(schema: Schema, at = ''): Array<{ at: string; schema: Schema }> {
  const props = (schema.properties ?? {}) as Record<string, Schema>
  return Object.entries(props).flatMap(([name, child]) => [{ at: `${at}/${name}`, schema: child }, ...properties(child, `${at}/${name}`)])
}

describe('catalog: event list', () => {
  it('lists the 11 events of the docs in order, each valid against the contract', () => {
    const events = listEvents()
    expect(events.map((e) => e.name)).toEqual([...EVENT_NAMES])
    for (const e of events) expect(EventInfo.parse(e)).toEqual(e)
    expect(events.map((e) => e.group)).toEqual([
      'submission', 'submission', 'submission', 'submission', 'submission',
      'invitation', 'invitation', 'invitation',
      'aml', 'aml', 'aml'
    ])
  })

  it('marks as documented exactly the two events whose data the docs show', () => {
    expect(listEvents().filter((e) => e.documented).map((e) => e.name)).toEqual(['submission.completed', 'aml.match.found'])
  })

  it('hands out copies, so a caller cannot change the catalog', () => {
    listEvents()[0].description = 'changed'
    expect(EVENT_INFO[0].description).toBe('New submission started')
  })
})

describe('catalog: JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: true })
  addFormats(ajv)

  it.each(EVENT_NAMES)('%s is a draft 2020-12 envelope schema that compiles in strict mode', (event) => {
    const schema = schemaFor(event)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id).toBe(`https://schemas.smartkyc.local/webhooks/${event}.json`)
    expect(ajv.validateSchema(schema)).toBe(true)
    expect(schema.required).toEqual(['event', 'timestamp', 'data', 'tenantId'])
    const props = schema.properties as Record<string, Schema>
    expect(props.event.const).toBe(event)
    expect(props.tenantId.pattern).toBe('^tenant_')
    expect(props.timestamp.format).toBe('date-time')
  })

  it.each(EVENT_NAMES)('%s describes every property (Monaco hover docs)', (event) => {
    const schema = schemaFor(event)
    expect(typeof schema.description).toBe('string')
    for (const p of properties(schema)) {
      expect(typeof p.schema.description, `${event} ${p.at}`).toBe('string')
      expect((p.schema.description as string).length, `${event} ${p.at}`).toBeGreaterThan(10)
    }
  })

  it('marks every undocumented event and each of its data fields as inferred', () => {
    for (const info of listEvents().filter((e) => !e.documented)) {
      const schema = schemaFor(info.name)
      expect(schema.description).toContain(INFERRED)
      for (const p of properties(schema).filter((p) => p.at.startsWith('/data/'))) {
        expect(p.schema.description, `${info.name} ${p.at}`).toContain(INFERRED)
      }
    }
  })

  it('does not call documented fields inferred', () => {
    for (const event of ['submission.completed', 'aml.match.found'] as const) {
      const text = JSON.stringify(schemaFor(event))
      expect(text).not.toContain('Inferred')
    }
  })

  it('requires the documented fields exactly as the docs show them', () => {
    const data = (event: (typeof EVENT_NAMES)[number]) => (schemaFor(event).properties as Record<string, Schema>).data
    expect(data('submission.completed').required).toEqual([
      'submissionId', 'invitationId', 'customerEmail', 'workflowId', 'status', 'submittedAt'
    ])
    expect(Object.keys(data('submission.completed').properties as Schema)).toEqual([
      'submissionId', 'invitationId', 'customerEmail', 'workflowId', 'workflowName', 'status', 'submittedAt', 'responses'
    ])
    expect(data('aml.match.found').required).toEqual([
      'submissionId', 'matchType', 'matchScore', 'matchedName', 'sourceList', 'riskLevel'
    ])
    const score = (data('aml.match.found').properties as Record<string, Schema>).matchScore
    expect([score.type, score.minimum, score.maximum]).toEqual(['number', 0, 1])
  })

  it('hands out copies, so a caller cannot change the schema others validate with', () => {
    const mine = schemaFor('aml.match.found')
    ;(mine.properties as Record<string, unknown>).data = { type: 'string' }
    expect((schemaFor('aml.match.found').properties as Record<string, Schema>).data.type).toBe('object')
  })

  it('refuses a name that is not an event, with a message naming it', () => {
    expect(() => schemaFor('submission.deleted' as never)).toThrow(/"submission.deleted" is not a Smart KYC event/)
  })
})
