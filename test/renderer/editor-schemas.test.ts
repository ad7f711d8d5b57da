import { describe, expect, it } from 'vitest'
import { eventSchemaUri, schemaEntries } from '../../src/renderer/src/editor/schemas'

describe('editor schema bindings', () => {
  it('names one schema URI per event', () => {
    expect(eventSchemaUri('aml.match.found')).toBe('kyc-schema://events/aml.match.found.json')
    expect(eventSchemaUri('a/b c')).toBe('kyc-schema://events/a%2Fb%20c.json')
  })

  it('groups models by schema URI so two editors can share or differ', () => {
    const a = { type: 'object', title: 'A' }
    const aNewer = { type: 'object', title: 'A (refreshed)' }
    const b = { type: 'object', title: 'B' }
    const entries = schemaEntries([
      ['inmemory://kyc/editor-1.json', { uri: 'kyc-schema://events/a.json', schema: a }],
      ['inmemory://kyc/editor-2.json', { uri: 'kyc-schema://events/b.json', schema: b }],
      ['inmemory://kyc/editor-3.json', { uri: 'kyc-schema://events/a.json', schema: aNewer }]
    ])
    expect(entries).toEqual([
      { uri: 'kyc-schema://events/a.json', fileMatch: ['inmemory://kyc/editor-1.json', 'inmemory://kyc/editor-3.json'], schema: aNewer },
      { uri: 'kyc-schema://events/b.json', fileMatch: ['inmemory://kyc/editor-2.json'], schema: b }
    ])
    expect(schemaEntries([])).toEqual([])
  })
})
